package io.switchboard.events.address;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Who sent or receives a contact, in one normalised form so that the same person always yields the
 * same value: email addresses case-folded, phone numbers in E.164, social handles with their
 * platform. Build addresses with the factories; they reject what they cannot normalise.
 *
 * @param kind     what the value identifies
 * @param value    the normalised value (e.g. {@code +442079460958}, {@code jane@example.com})
 * @param platform the social platform, only for {@link AddressKind#SOCIAL}
 */
public record Address(AddressKind kind, String value, SocialPlatform platform) {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    // Deliberately stricter than RFC 5322: no quoted local parts, comments or IP literals, which
    // customers never use and which would make two spellings of one address compare unequal.
    private static final Pattern EMAIL = Pattern.compile(
            "^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");
    private static final Pattern HANDLE = Pattern.compile("^[A-Za-z0-9._:+@-]{1,128}$");

    public Address {
        Objects.requireNonNull(kind, "kind");
        if (value == null || value.isBlank()) {
            throw new InvalidAddressException("an address needs a value");
        }
        if ((kind == AddressKind.SOCIAL) != (platform != null)) {
            throw new InvalidAddressException("a platform is required for social handles and only for them: " + value);
        }
    }

    /** A case-folded email address; rejects anything that is not a plain {@code local@domain.tld}. */
    public static Address email(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidAddressException("email address is empty");
        }
        String folded = raw.trim().toLowerCase(Locale.ROOT);
        if (folded.startsWith("mailto:")) {
            folded = folded.substring("mailto:".length());
        }
        if (folded.length() > 254 || !EMAIL.matcher(folded).matches() || folded.indexOf('@') > 64) {
            throw new InvalidAddressException("not a valid email address: '" + raw + "'");
        }
        return new Address(AddressKind.EMAIL, folded, null);
    }

    /**
     * A phone number in E.164. A number without a country code is read in {@code defaultRegion}
     * (ISO 3166 code such as {@code GB}); {@code 00} and {@code tel:} prefixes are understood.
     */
    public static Address phone(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidAddressException("phone number is empty");
        }
        String text = raw.trim();
        if (text.regionMatches(true, 0, "tel:", 0, 4)) {
            text = text.substring(4);
        }
        int parameters = text.indexOf(';');
        if (parameters >= 0) {
            text = text.substring(0, parameters);
        }
        if (text.startsWith("00")) {
            text = "+" + text.substring(2);
        }
        if (text.chars().anyMatch(Character::isLetter)) {
            throw new InvalidAddressException("phone number contains letters: '" + raw + "'");
        }
        String region = defaultRegion == null ? "ZZ" : defaultRegion.toUpperCase(Locale.ROOT);
        try {
            PhoneNumber number = PHONES.parse(text, region);
            if (!PHONES.isValidNumber(number)) {
                throw new InvalidAddressException("not a valid phone number for region " + region + ": '" + raw + "'");
            }
            return new Address(AddressKind.PHONE, PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164), null);
        } catch (NumberParseException e) {
            throw new InvalidAddressException("not a phone number (" + e.getErrorType() + "): '" + raw + "'");
        }
    }

    /** A handle on a social platform, kept as given apart from surrounding space and a leading {@code @}. */
    public static Address social(SocialPlatform platform, String handle) {
        Objects.requireNonNull(platform, "platform");
        String trimmed = handle == null ? "" : handle.trim();
        if (trimmed.startsWith("@")) {
            trimmed = trimmed.substring(1);
        }
        if (!HANDLE.matcher(trimmed).matches()) {
            throw new InvalidAddressException("not a valid " + platform + " handle: '" + handle + "'");
        }
        return new Address(AddressKind.SOCIAL, trimmed, platform);
    }

    /** The anonymous id the chat widget gives a visitor. */
    public static Address chatVisitor(String visitorId) {
        String trimmed = visitorId == null ? "" : visitorId.trim();
        if (!HANDLE.matcher(trimmed).matches()) {
            throw new InvalidAddressException("not a valid chat visitor id: '" + visitorId + "'");
        }
        return new Address(AddressKind.CHAT_VISITOR, trimmed, null);
    }
}

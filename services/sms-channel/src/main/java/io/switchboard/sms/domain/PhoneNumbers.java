package io.switchboard.sms.domain;

import java.util.Locale;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import io.switchboard.events.address.Address;
import io.switchboard.events.address.AddressKind;
import io.switchboard.events.address.InvalidAddressException;

/**
 * Phone numbers in E.164 through the contract's normalisation ({@link Address#phone}). A number that
 * library does not know as assigned but that is a possible number, read as E.164 (fictional ranges such as Ofcom's
 * +44 7700 900xxx, new ranges the metadata does not have yet) is kept as {@code +digits}: a carrier
 * delivered it, so it exists.
 */
public final class PhoneNumbers {

    private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{6,14}$");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Pattern SEPARATORS = Pattern.compile("[\\s().\\-]");

    private PhoneNumbers() {
    }

    public static Address address(String raw, String region) throws InvalidSmsException {
        try {
            return Address.phone(raw, region);
        } catch (InvalidAddressException invalid) {
            String compact = raw == null ? "" : SEPARATORS.matcher(raw.strip()).replaceAll("");
            if (compact.startsWith("00")) {
                compact = "+" + compact.substring(2);
            }
            if (!compact.matches("^\\+?[0-9]{6,16}$")) {
                throw new InvalidSmsException(invalid.getMessage());
            }
            try {
                PhoneNumber number = PHONES.parse(compact, region == null ? "ZZ" : region.toUpperCase(Locale.ROOT));
                String e164 = PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
                if (PHONES.isPossibleNumber(number) && E164.matcher(e164).matches()) {
                    return new Address(AddressKind.PHONE, e164, null);
                }
            } catch (NumberParseException unreadable) {
                // fall through
            }
            throw new InvalidSmsException(invalid.getMessage());
        }
    }

    public static String e164(String raw, String region) throws InvalidSmsException {
        return address(raw, region).value();
    }
}

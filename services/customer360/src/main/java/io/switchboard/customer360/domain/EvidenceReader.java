package io.switchboard.customer360.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.switchboard.events.Channel;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.Direction;
import io.switchboard.events.address.Address;
import io.switchboard.events.address.InvalidAddressException;

/**
 * Turns a {@code contact.created} into identifiers with their strength. Hints come from channels
 * (a pre-chat form, an email header): {@code email}, {@code phone}, {@code name}, and
 * {@code email.verified=true} when the channel proved the sender controls the email address, and
 * {@code phone.verified=true} when the phone hint is the sender's own number as their platform proved
 * it (a WhatsApp id is the customer's E.164 number). A social handle the platform delivered on the
 * social channel is the platform's proof of who wrote, like a caller's number on voice.
 */
public final class EvidenceReader {

    public static final String HINT_EMAIL = "email";
    public static final String HINT_PHONE = "phone";
    public static final String HINT_NAME = "name";
    public static final String HINT_EMAIL_VERIFIED = "email.verified";
    public static final String HINT_PHONE_VERIFIED = "phone.verified";

    private static final Logger LOG = Logger.getLogger(EvidenceReader.class);

    private EvidenceReader() {
    }

    /** @param defaultRegion the tenant's region for phone hints without a country code; may be null */
    public static ContactEvidence read(ContactCreated contact, String defaultRegion) {
        Map<Address, Boolean> found = new LinkedHashMap<>();
        boolean emailVerified = "true".equalsIgnoreCase(contact.customerHints().get(HINT_EMAIL_VERIFIED));
        Address customer = contact.direction() == Direction.OUTBOUND ? contact.to() : contact.from();
        if (customer != null) {
            found.put(customer, isStrong(customer, contact.channel(), emailVerified));
        }
        hint(contact, HINT_EMAIL, Address::email).ifPresent(email ->
                found.merge(email, emailVerified, Boolean::logicalOr));
        boolean phoneVerified = "true".equalsIgnoreCase(contact.customerHints().get(HINT_PHONE_VERIFIED));
        hint(contact, HINT_PHONE, raw -> Address.phone(raw, defaultRegion)).ifPresent(phone ->
                found.merge(phone, phoneVerified, Boolean::logicalOr));
        List<Evidence> identifiers = new ArrayList<>();
        found.forEach((address, strong) -> identifiers.add(new Evidence(address, strong)));
        String name = blankToNull(contact.customerHints().get(HINT_NAME));
        return new ContactEvidence(contact.tenantId(), contact.contactId(), identifiers, name,
                blankToNull(contact.language()));
    }

    static boolean isStrong(Address address, Channel channel, boolean emailVerified) {
        return switch (address.kind()) {
            case PHONE -> channel == Channel.VOICE || channel == Channel.SMS;
            case EMAIL -> emailVerified;
            case SOCIAL -> channel == Channel.SOCIAL;
            case CHAT_VISITOR -> false;
        };
    }

    private static Optional<Address> hint(ContactCreated contact, String key,
            Function<String, Address> parse) {
        String raw = contact.customerHints().get(key);
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse.apply(raw));
        } catch (InvalidAddressException e) {
            // A customer's typo in a form must not cost the contact: the hint alone is dropped.
            LOG.infof("contact %s: ignoring %s hint: %s", contact.contactId(), key, e.getMessage());
            return Optional.empty();
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}

package io.switchboard.customer360.api;

import java.util.Locale;

import io.switchboard.events.address.Address;
import io.switchboard.events.address.InvalidAddressException;
import io.switchboard.events.address.SocialPlatform;
import io.switchboard.service.api.ProblemException;

/**
 * Reads the {@code identifier} query parameter: {@code email:jane@example.com}, {@code phone:+44 20 7946 0958}
 * (or national, in the tenant's region), {@code chat:<visitor id>}, or a social platform and handle
 * such as {@code whatsapp:+447700900123}.
 */
final class IdentifierParam {

    private IdentifierParam() {
    }

    static Address parse(String text, String defaultRegion) {
        if (text == null || text.isBlank()) {
            throw ProblemException.badRequest("give an identifier, e.g. identifier=email:jane@example.com");
        }
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw ProblemException.badRequest("an identifier is <kind>:<value> (email, phone, chat, whatsapp, messenger, "
                    + "instagram, telegram): '" + text + "'");
        }
        String kind = text.substring(0, colon).toLowerCase(Locale.ROOT);
        String value = text.substring(colon + 1);
        try {
            return switch (kind) {
                case "email" -> Address.email(value);
                case "phone" -> Address.phone(value, defaultRegion);
                case "chat" -> Address.chatVisitor(value);
                default -> Address.social(platform(kind, text), value);
            };
        } catch (InvalidAddressException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
    }

    private static SocialPlatform platform(String kind, String text) {
        try {
            return SocialPlatform.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("unknown identifier kind '" + kind + "' in '" + text + "'");
        }
    }
}

package io.switchboard.customer360.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a timeline page ends: the (time, id) of its last line. Opaque to clients; the next page
 * starts strictly after it, so lines added meanwhile never shift a page (keyset pagination).
 */
public record TimelineCursor(Instant occurredAt, UUID id) {

    public String encode() {
        String raw = occurredAt.getEpochSecond() + "." + occurredAt.getNano() + "." + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when the text is not a cursor this service made */
    public static TimelineCursor decode(String text) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            String[] parts = raw.split("\\.", 3);
            if (parts.length != 3) {
                throw new IllegalArgumentException("not a timeline cursor: " + text);
            }
            return new TimelineCursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                    UUID.fromString(parts[2]));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a timeline cursor: " + text, e);
        }
    }
}

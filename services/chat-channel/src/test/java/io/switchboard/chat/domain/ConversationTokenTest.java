package io.switchboard.chat.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class ConversationTokenTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private final ConversationToken tokens = new ConversationToken("secret-one");

    @Test
    void aSignedTokenVerifiesForItsWidgetUntilItExpires() {
        String token = tokens.sign(new ConversationToken.Claims("c-1", "widget-acme", NOW.plusSeconds(60)));
        assertThat(tokens.verify(token, "widget-acme", NOW)).hasValueSatisfying(c -> assertThat(c.contactId()).isEqualTo("c-1"));
        assertThat(tokens.verify(token, "widget-globex", NOW)).isEmpty();
        assertThat(tokens.verify(token, "widget-acme", NOW.plusSeconds(61))).isEmpty();
    }

    @Test
    void aChangedPayloadAnotherKeyOrGarbageIsRefused() {
        String token = tokens.sign(new ConversationToken.Claims("c-1", "widget-acme", NOW.plusSeconds(60)));
        String other = tokens.sign(new ConversationToken.Claims("c-2", "widget-acme", NOW.plusSeconds(60)));
        String spliced = other.substring(0, other.indexOf('.')) + token.substring(token.indexOf('.'));
        assertThat(tokens.verify(spliced, "widget-acme", NOW)).isEmpty();
        assertThat(new ConversationToken("secret-two").verify(token, "widget-acme", NOW)).isEmpty();
        assertThat(tokens.verify("not-a-token", "widget-acme", NOW)).isEmpty();
        assertThat(tokens.verify("a.b", "widget-acme", NOW)).isEmpty();
        assertThat(tokens.verify(null, "widget-acme", NOW)).isEmpty();
    }
}

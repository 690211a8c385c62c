package io.switchboard.email.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.switchboard.email.domain.RelayRefusedException;
import io.vertx.ext.mail.SMTPException;

class RelayMailerTest {

    @Test
    void aFiveHundredReplyIsPermanentAndKeepsTheRelaysWords() {
        RelayRefusedException refused = RelayMailer.refusal(new RuntimeException(
                new SMTPException("RCPT TO failed", 550, List.of("5.1.1 <jane@example.com>: Recipient address rejected"), true)));
        assertThat(refused.permanent()).isTrue();
        assertThat(refused.getMessage()).isEqualTo("550 5.1.1 <jane@example.com>: Recipient address rejected");
    }

    @Test
    void aFourHundredReplyOrAnUnreachableRelayIsTemporary() {
        assertThat(RelayMailer.refusal(new SMTPException("busy", 451, List.of("4.3.0 try later"), false)).permanent()).isFalse();
        RelayRefusedException down = RelayMailer.refusal(new ConnectException("Connection refused"));
        assertThat(down.permanent()).isFalse();
        assertThat(down.getMessage()).isEqualTo("relay unavailable: Connection refused");
    }
}

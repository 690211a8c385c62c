package io.switchboard.reporting.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import io.switchboard.reporting.domain.RelayRefusedException;
import io.vertx.ext.mail.SMTPException;

/** How the relay's answers are read: a 5xx reply is final, a 4xx reply or no relay may pass. */
class RelayReportMailerTest {

    @Test
    void aPermanentReplyIsFinalAndNamesTheReply() {
        RelayRefusedException refused = RelayReportMailer.refusal(new CompletionException(
                new SMTPException("sending failed", 550, List.of("550 5.1.1 <ops@acme-client.example>: mailbox unavailable"), true)));
        assertThat(refused.permanent()).isTrue();
        assertThat(refused.getMessage()).isEqualTo("550 550 5.1.1 <ops@acme-client.example>: mailbox unavailable");
    }

    @Test
    void aTransientReplyOrAnUnreachableRelayMayPass() {
        assertThat(RelayReportMailer.refusal(new SMTPException("sending failed", 451, List.of("451 4.3.0 try later"), true)).permanent())
                .isFalse();
        RelayRefusedException down = RelayReportMailer.refusal(new ConnectException("Connection refused"));
        assertThat(down.permanent()).isFalse();
        assertThat(down.getMessage()).isEqualTo("relay unavailable: Connection refused");
    }
}

package io.switchboard.email.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.OptionalLong;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.switchboard.email.domain.EmailParser;
import io.switchboard.email.domain.MalformedEmailException;
import io.switchboard.email.domain.ParsedEmail;
import io.switchboard.email.domain.SubjectToken;

/**
 * Whatever bytes arrive over SMTP or IMAP, the parser answers with a {@link ParsedEmail} or a
 * {@link MalformedEmailException} (554), never anything else; what it hands on is safe to show and to
 * thread: no script or event handler survives in the HTML an agent's browser renders, and the thread
 * references and subject token are the ones {@code InboundMailProcessor} looks up. Seeds in
 * src/test/resources/.../EmailParsingFuzzTestInputs; {@code JAZZER_FUZZ=1} fuzzes.
 */
class EmailParsingFuzzTest {

    private static final String ENVELOPE_SENDER = "customer@example.net";

    @FuzzTest(maxExecutions = 10_000)
    void rawMessageIsParsedOrRefused(byte[] raw) {
        ParsedEmail email;
        try {
            email = EmailParser.parse(raw, ENVELOPE_SENDER);
        } catch (MalformedEmailException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        assertThat(email.messageId()).matches("<[^<>\\s]+>");
        assertThat(email.subject()).isNotBlank();
        assertThat(email.text()).isNotNull();
        assertThat(email.attachments()).doesNotContainNull();
        assertThat(email.autoReply()).isNotNull();
        if (email.html() != null) {
            assertSafe(email.html());
        }
        assertThat(email.threadReferences()).doesNotHaveDuplicates().allMatch(id -> id.matches("<[^<>\\s]+>"));
        OptionalLong token = SubjectToken.find(email.subject());
        if (token.isPresent()) {
            // The answer an agent sends carries the same token, so the customer's next reply threads again.
            assertThat(SubjectToken.find(SubjectToken.replySubject(email.subject(), token.getAsLong()))).isEqualTo(token);
        }
    }

    /** What a browser would build from the sanitized HTML has no script element and no on* handler. */
    private static void assertSafe(String html) {
        assertThat(html.toLowerCase(Locale.ROOT)).doesNotContain("<script");
        for (Element element : Jsoup.parse(html).getAllElements()) {
            assertThat(element.tagName()).isNotEqualToIgnoringCase("script");
            for (Attribute attribute : element.attributes()) {
                assertThat(attribute.getKey().toLowerCase(Locale.ROOT)).doesNotStartWith("on");
            }
        }
    }
}

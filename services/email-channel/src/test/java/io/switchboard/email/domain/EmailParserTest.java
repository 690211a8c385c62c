package io.switchboard.email.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class EmailParserTest {

    @Test
    void readsAPlainMessage() throws Exception {
        ParsedEmail email = parse("""
                From: "Jane Doe" <Jane.Doe@Example.com>
                To: support@acme-bank.example
                Subject: I was charged twice
                Message-ID: <plain-1@example.com>
                Content-Type: text/plain; charset=utf-8

                Hello, my card was charged twice on Monday.
                """);

        assertThat(email.messageId()).isEqualTo("<plain-1@example.com>");
        assertThat(email.fromAddress()).isEqualTo("Jane.Doe@Example.com");
        assertThat(email.fromName()).isEqualTo("Jane Doe");
        assertThat(email.subject()).isEqualTo("I was charged twice");
        assertThat(email.text()).isEqualTo("Hello, my card was charged twice on Monday.");
        assertThat(email.html()).isNull();
        assertThat(email.attachments()).isEmpty();
        assertThat(email.autoReply()).isEmpty();
    }

    @Test
    void takesTextAndHtmlOfAnAlternativeAndKeepsAttachmentsAndInlineImages() throws Exception {
        ParsedEmail email = parse("""
                From: jane@example.com
                To: support@acme-bank.example
                Subject: Statement
                Message-ID: <multi-1@example.com>
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="outer"

                --outer
                Content-Type: multipart/related; boundary="related"

                --related
                Content-Type: multipart/alternative; boundary="alt"

                --alt
                Content-Type: text/plain; charset=us-ascii

                See the attached statement.
                --alt
                Content-Type: text/html; charset=us-ascii

                <p>See the <b>attached</b> statement.<img src="cid:logo@x"></p>
                --alt--
                --related
                Content-Type: image/png
                Content-ID: <logo@x>
                Content-Disposition: inline
                Content-Transfer-Encoding: base64

                iVBORw0KGgo=
                --related--
                --outer
                Content-Type: application/pdf; name="statement.pdf"
                Content-Disposition: attachment; filename="statement.pdf"
                Content-Transfer-Encoding: base64

                JVBERi0xLjQK
                --outer--
                """);

        assertThat(email.text()).isEqualTo("See the attached statement.");
        assertThat(email.html()).contains("<b>attached</b>").contains("src=\"cid:logo@x\"");
        assertThat(email.attachments()).extracting(ParsedAttachment::filename, ParsedAttachment::contentType,
                ParsedAttachment::inline).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(null, "image/png", true),
                        org.assertj.core.groups.Tuple.tuple("statement.pdf", "application/pdf", false));
        assertThat(email.attachments().get(0).contentId()).isEqualTo("logo@x");
        assertThat(new String(email.attachments().get(1).data(), StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.4\n");
    }

    @Test
    void decodesHeadersAndBodiesInOtherCharsets() throws Exception {
        String latin1 = """
                From: =?ISO-8859-1?Q?Jos=E9_Mu=F1oz?= <jose@example.es>
                To: help@globex.example
                Subject: =?ISO-8859-1?Q?Reserva_cancelada_=BFreembolso=3F?=
                Message-ID: <latin-1@example.es>
                Content-Type: text/plain; charset=ISO-8859-1
                Content-Transfer-Encoding: 8bit

                Cancelé mi reserva, ¿cuándo llega el reembolso?
                """;
        ParsedEmail spanish = EmailParser.parse(latin1.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1), "jose@example.es");
        assertThat(spanish.fromName()).isEqualTo("José Muñoz");
        assertThat(spanish.subject()).isEqualTo("Reserva cancelada ¿reembolso?");
        assertThat(spanish.text()).isEqualTo("Cancelé mi reserva, ¿cuándo llega el reembolso?");

        String koi8 = """
                From: ivan@example.ru
                To: support@acme-bank.example
                Subject: =?KOI8-R?B?5MXO2MfJINPQydPBztk=?=
                Message-ID: <koi8-1@example.ru>
                Content-Type: text/plain; charset=KOI8-R
                Content-Transfer-Encoding: 8bit

                Деньги списаны дважды
                """;
        ParsedEmail russian = EmailParser.parse(koi8.replace("\n", "\r\n").getBytes(Charset.forName("KOI8-R")), "ivan@example.ru");
        assertThat(russian.subject()).isEqualTo("Деньги списаны");
        assertThat(russian.text()).isEqualTo("Деньги списаны дважды");

        String japanese = "From: taro@example.jp\r\nTo: support@acme-bank.example\r\n"
                + "Subject: =?ISO-2022-JP?B?GyRCJDMkcyRLJEEkTxsoQg==?=\r\nMessage-ID: <jis-1@example.jp>\r\n"
                + "Content-Type: text/plain; charset=ISO-2022-JP\r\nContent-Transfer-Encoding: 7bit\r\n\r\n";
        byte[] body = "二重請求です".getBytes(Charset.forName("ISO-2022-JP"));
        byte[] raw = concat(japanese.getBytes(StandardCharsets.US_ASCII), body);
        ParsedEmail jp = EmailParser.parse(raw, "taro@example.jp");
        assertThat(jp.subject()).isEqualTo("こんにちは");
        assertThat(jp.text()).isEqualTo("二重請求です");
    }

    @Test
    void sanitizesHtmlOnlyMailAndDerivesItsText() throws Exception {
        ParsedEmail email = parse("""
                From: attacker@example.com
                To: support@acme-bank.example
                Subject: Please look
                Message-ID: <html-1@example.com>
                Content-Type: text/html; charset=utf-8

                <html><head><style>body{display:none}</style><script>steal(document.cookie)</script></head>
                <body><p onclick="evil()">Hello<br>team</p><img src="x" onerror="alert(1)">
                <a href="javascript:alert(2)">click</a><a href="https://example.com/help">help</a>
                <iframe src="https://evil.example"></iframe><form action="https://evil.example"><input name="pin"></form></body></html>
                """);

        assertThat(email.html()).doesNotContain("<script", "steal", "onclick", "onerror", "javascript:", "<iframe", "<form",
                "<input", "<style");
        assertThat(email.html()).contains("<a href=\"https://example.com/help\" rel=\"noopener noreferrer nofollow\">help</a>");
        assertThat(email.text()).startsWith("Hello\nteam").contains("help").doesNotContain("steal", "display");
    }

    @Test
    void synthesizesAMessageIdFromTheContentWhenThereIsNone() throws Exception {
        String message = "From: a@example.com\nTo: support@acme-bank.example\nSubject: x\n\nbody\n";
        assertThat(parse(message).messageId()).isEqualTo(parse(message).messageId()).endsWith("@no-message-id.switchboard>");
        assertThat(parse(message + "more").messageId()).isNotEqualTo(parse(message).messageId());
    }

    @Test
    void readsThreadingHeaders() throws Exception {
        ParsedEmail email = parse("""
                From: jane@example.com
                Subject: Re: Statement
                Message-ID: <reply-2@example.com>
                In-Reply-To: <ours-1@acme-bank.example>
                References: <root@example.com>
                 <ours-1@acme-bank.example>

                thanks
                """);
        assertThat(email.inReplyTo()).containsExactly("<ours-1@acme-bank.example>");
        assertThat(email.references()).containsExactly("<root@example.com>", "<ours-1@acme-bank.example>");
        assertThat(email.threadReferences()).containsExactly("<ours-1@acme-bank.example>", "<root@example.com>");
    }

    @Test
    void refusesAMultipartWithoutItsParts() {
        assertThatThrownBy(() -> parse("""
                From: jane@example.com
                Subject: broken
                Content-Type: multipart/mixed; boundary="never-used"

                no parts here at all
                """)).isInstanceOf(MalformedEmailException.class).hasMessageContaining("MIME");
    }

    private static ParsedEmail parse(String message) throws MalformedEmailException {
        return EmailParser.parse(message.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8), "sender@example.com");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}

package io.switchboard.social.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.switchboard.events.ContactMessageStatusChanged.Status;
import io.switchboard.events.address.SocialPlatform;

class MetaPayloadsTest {

    private static WebhookBatch parse(String json) throws BadPayloadException {
        return MetaPayloads.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void oneWhatsAppPayloadCarriesManyNumbersMessagesAndStatuses() throws Exception {
        WebhookBatch batch = parse("""
                {"object":"whatsapp_business_account","entry":[
                  {"id":"WABA1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",
                    "metadata":{"phone_number_id":"100000000000001"},
                    "contacts":[{"profile":{"name":"Jane Doe"},"wa_id":"447700900123"}],
                    "messages":[
                      {"from":"447700900123","id":"wamid.A","timestamp":"1764753330","type":"text","text":{"body":"Hi"},
                       "context":{"from":"15550000001","id":"wamid.PREV"}},
                      {"from":"447700900123","id":"wamid.B","timestamp":"1764753331","type":"image",
                       "image":{"id":"MEDIA1","mime_type":"image/jpeg","caption":"my card"}},
                      {"from":"447700900123","id":"wamid.C","timestamp":"1764753332","type":"location",
                       "location":{"latitude":51.5,"longitude":-0.12,"name":"Branch"}},
                      {"from":"447700900123","id":"wamid.D","timestamp":"1764753333","type":"reaction",
                       "reaction":{"message_id":"wamid.OURS","emoji":"👍"}},
                      {"from":"447700900123","id":"wamid.E","timestamp":"1764753334","type":"contacts",
                       "contacts":[{"name":{"formatted_name":"Bob"},"phones":[{"phone":"+44 7700 900456"}]}]}],
                    "statuses":[{"id":"wamid.OURS","status":"failed","timestamp":"1764753335","recipient_id":"447700900123",
                      "errors":[{"code":131047,"title":"Re-engagement message","error_data":{"details":"more than 24 hours"}}]}]}},
                    {"field":"account_update","value":{}}]},
                  {"id":"WABA2","changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"100000000000002"},
                    "messages":[{"from":"34600000123","id":"wamid.F","timestamp":"1764753336","type":"text","text":{"body":"Hola"}}]}}]}]}
                """);
        assertThat(batch.messages()).hasSize(6);
        InboundMessage first = batch.messages().get(0);
        assertThat(first.account().address()).isEqualTo("whatsapp:100000000000001");
        assertThat(first.senderName()).isEqualTo("Jane Doe");
        assertThat(first.sentAt()).isEqualTo(Instant.ofEpochSecond(1764753330));
        assertThat(first.metadata()).containsEntry("replyTo", "wamid.PREV");
        assertThat(batch.messages().get(1).media()).extracting(InboundMessage.MediaItem::id).containsExactly("MEDIA1");
        assertThat(batch.messages().get(1).text()).isEqualTo("my card");
        assertThat(batch.messages().get(2).text()).startsWith("Location: 51.5, -0.12 (Branch");
        assertThat(batch.messages().get(3).metadata()).containsEntry("reaction", "👍").containsEntry("reactionTo", "wamid.OURS");
        assertThat(batch.messages().get(4).text()).contains("Bob", "+44 7700 900456");
        assertThat(batch.messages().get(5).account().accountId()).isEqualTo("100000000000002");
        assertThat(batch.statuses()).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(Status.FAILED);
            assertThat(s.providerStatus()).isEqualTo("failed/131047");
            assertThat(s.reason()).isEqualTo("Re-engagement message: more than 24 hours");
        });
        assertThat(batch.skipped()).singleElement().asString().contains("account_update");
    }

    @Test
    void messengerAndInstagramMessagesDeliveriesReadsAndEchoes() throws Exception {
        WebhookBatch batch = parse("""
                {"object":"page","entry":[{"id":"200000000000001","time":1764753330000,"messaging":[
                  {"sender":{"id":"PSID1"},"recipient":{"id":"200000000000001"},"timestamp":1764753330000,
                   "message":{"mid":"m_1","text":"hello","reply_to":{"mid":"m_0"}}},
                  {"sender":{"id":"PSID1"},"recipient":{"id":"200000000000001"},"timestamp":1764753331000,
                   "message":{"mid":"m_2","attachments":[{"type":"image","payload":{"url":"https://cdn.example/x.jpg"}}]}},
                  {"sender":{"id":"200000000000001"},"recipient":{"id":"PSID1"},"timestamp":1764753332000,
                   "message":{"mid":"m_3","is_echo":true,"text":"our reply"}},
                  {"sender":{"id":"PSID1"},"recipient":{"id":"200000000000001"},"timestamp":1764753333000,
                   "delivery":{"mids":["m_ours"],"watermark":1764753333000}},
                  {"sender":{"id":"PSID1"},"recipient":{"id":"200000000000001"},"timestamp":1764753334000,
                   "read":{"watermark":1764753334000}}]}]}
                """);
        assertThat(batch.messages()).extracting(InboundMessage::providerMessageId).containsExactly("m_1", "m_2");
        assertThat(batch.messages().get(0).account().platform()).isEqualTo(SocialPlatform.MESSENGER);
        assertThat(batch.messages().get(1).media()).extracting(InboundMessage.MediaItem::id).containsExactly("https://cdn.example/x.jpg");
        assertThat(batch.statuses()).extracting(StatusReport::status).containsExactly(Status.DELIVERED, Status.READ);
        assertThat(batch.statuses().get(1).watermark()).isTrue();

        WebhookBatch instagram = parse("""
                {"object":"instagram","entry":[{"id":"300000000000001","time":1,"messaging":[
                  {"sender":{"id":"IGSID1"},"recipient":{"id":"300000000000001"},"timestamp":1764753330000,"message":{"mid":"ig_1","text":"hi"}}]}]}
                """);
        assertThat(instagram.messages()).singleElement().satisfies(m -> assertThat(m.account().address()).isEqualTo("instagram:300000000000001"));
    }

    @Test
    void malformedDeepUnknownOrEntrylessPayloadsAreRefusedWithAReason() {
        assertThatThrownBy(() -> parse("{\"object\":\"page\",\"entry\":[")).isInstanceOf(BadPayloadException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> parse("{\"object\":\"page\",\"entry\":" + "[".repeat(100) + "]".repeat(100) + "}"))
                .isInstanceOf(BadPayloadException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> parse("{\"object\":\"permissions\",\"entry\":[]}")).isInstanceOf(BadPayloadException.class)
                .hasMessageContaining("permissions");
        assertThatThrownBy(() -> parse("{\"object\":\"page\"}")).isInstanceOf(BadPayloadException.class)
                .hasMessageContaining("no entry");
        assertThatThrownBy(() -> parse("[1,2]")).isInstanceOf(BadPayloadException.class);
        assertThatThrownBy(() -> parse("{\"object\":\"page\",\"object\":\"page\",\"entry\":[]}")).isInstanceOf(BadPayloadException.class);
    }

    @Test
    void partsWithoutIdsOrWithInvalidAccountsAreSkippedNotFatal() throws Exception {
        WebhookBatch batch = parse("""
                {"object":"whatsapp_business_account","entry":[{"id":"W","changes":[
                  {"field":"messages","value":{"metadata":{"phone_number_id":"not a valid id!"},"messages":[{"id":"x"}]}},
                  {"field":"messages","value":{"metadata":{"phone_number_id":"100000000000001"},
                    "messages":[{"id":"wamid.noFrom","timestamp":"1"},
                                {"from":"1","id":"wamid.ok","timestamp":"1","type":"text","text":{"body":"ok"}}]}}]}]}
                """);
        assertThat(batch.messages()).extracting(InboundMessage::providerMessageId).containsExactly("wamid.ok");
        assertThat(batch.skipped()).hasSize(2);
    }
}

package io.switchboard.social.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.switchboard.events.address.SocialPlatform;

class ServiceWindowTest {

    private static final Instant LAST = Instant.parse("2026-12-02T09:15:30Z");

    @Test
    void whatsAppAllowsFreeFormFor24HoursFromTheCustomersLastMessage() {
        ServiceWindow open = ServiceWindow.of(SocialPlatform.WHATSAPP, LAST, LAST.plus(Duration.ofHours(23)), true);
        assertThat(open.open()).isTrue();
        assertThat(open.closesAt()).isEqualTo(Instant.parse("2026-12-03T09:15:30Z"));
        assertThat(open.tag()).isNull();
        ServiceWindow closed = ServiceWindow.of(SocialPlatform.WHATSAPP, LAST, LAST.plus(Duration.ofHours(24)), true);
        assertThat(closed.open()).isFalse();
        assertThat(closed.closedReason(SocialPlatform.WHATSAPP))
                .isEqualTo("WhatsApp's 24-hour customer service window closed at 3 Dec 2026 09:15 UTC; send an approved template");
    }

    @Test
    void messengerAndInstagramUseTheHumanAgentTagUpTo7DaysWhenEnabled() {
        for (SocialPlatform platform : List.of(SocialPlatform.MESSENGER, SocialPlatform.INSTAGRAM)) {
            assertThat(ServiceWindow.of(platform, LAST, LAST.plus(Duration.ofHours(2)), true).tag()).isNull();
            ServiceWindow tagged = ServiceWindow.of(platform, LAST, LAST.plus(Duration.ofDays(3)), true);
            assertThat(tagged.open()).isTrue();
            assertThat(tagged.tag()).isEqualTo("HUMAN_AGENT");
            assertThat(tagged.closesAt()).isEqualTo(LAST.plus(Duration.ofDays(7)));
            assertThat(ServiceWindow.of(platform, LAST, LAST.plus(Duration.ofDays(8)), true).open()).isFalse();
            assertThat(ServiceWindow.of(platform, LAST, LAST.plus(Duration.ofHours(25)), false).open()).isFalse();
        }
    }

    @Test
    void telegramHasNoWindow() {
        ServiceWindow window = ServiceWindow.of(SocialPlatform.TELEGRAM, LAST, LAST.plus(Duration.ofDays(400)), false);
        assertThat(window.open()).isTrue();
        assertThat(window.closesAt()).isNull();
    }

    @Test
    void templatesCountAndFillTheirPlaceholders() {
        Template template = new Template("account_update", "en", "Hello {{1}}, your request {{2}} was updated.");
        assertThat(template.parameters()).isEqualTo(2);
        assertThat(template.render(List.of("Jane", "R-1$2"))).isEqualTo("Hello Jane, your request R-1$2 was updated.");
        TemplateCatalog catalog = TemplateCatalog.parse("{\"acme-bank\":[{\"name\":\"account_update\",\"language\":\"en\","
                + "\"text\":\"Hello {{1}}\"}]}");
        assertThat(catalog.find("acme-bank", "account_update", "en")).isPresent();
        assertThat(catalog.find("acme-bank", "account_update", "de")).isEmpty();
        assertThat(catalog.of("globex-travel")).isEmpty();
        assertThat(ReplyDelivery.parameters("[\"a\", 2]")).containsExactly("a", "2");
    }
}

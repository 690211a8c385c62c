package io.switchboard.chat.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class OriginPolicyTest {

    private static final List<String> ACME = List.of("https://www.acme-bank.example");

    @Test
    void aWidgetWithoutAllowedOriginsIsRefusedWhenTheyAreRequired() {
        assertThat(new OriginPolicy(true).refusal("widget-x", List.of(), "https://anywhere.example"))
                .hasValue("widget widget-x has no allowed origins configured (switchboard.chat.widgets.\"widget-x\".allowed-origins)");
        assertThat(new OriginPolicy(true).refusal("widget-x", List.of(), null)).isPresent();
    }

    @Test
    void aWidgetWithoutAllowedOriginsTakesAnyOriginWhenTheyAreNotRequired() {
        assertThat(new OriginPolicy(false).refusal("widget-x", List.of(), "https://anywhere.example")).isEmpty();
        assertThat(new OriginPolicy(false).refusal("widget-x", List.of(), null)).isEmpty();
    }

    @Test
    void aListedOriginIsAllowedAndAnyOtherOrNoneIsRefusedEitherWay() {
        for (boolean required : new boolean[] {true, false}) {
            OriginPolicy policy = new OriginPolicy(required);
            assertThat(policy.refusal("widget-acme", ACME, "https://www.acme-bank.example")).isEmpty();
            assertThat(policy.refusal("widget-acme", ACME, "https://evil.example"))
                    .hasValue("origin https://evil.example is not allowed for widget widget-acme");
            assertThat(policy.refusal("widget-acme", ACME, null)).hasValue("origin (none) is not allowed for widget widget-acme");
        }
    }
}

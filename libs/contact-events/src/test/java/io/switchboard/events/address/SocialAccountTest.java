package io.switchboard.events.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SocialAccountTest {

    @Test
    void readsPlatformAndIdAndWritesThemBackInOneForm() {
        SocialAccount account = SocialAccount.parse(" WhatsApp:100000000000001");
        assertThat(account.platform()).isEqualTo(SocialPlatform.WHATSAPP);
        assertThat(account.accountId()).isEqualTo("100000000000001");
        assertThat(account.address()).isEqualTo("whatsapp:100000000000001");
        assertThat(SocialAccount.parse("telegram:acme_bank_bot").address()).isEqualTo("telegram:acme_bank_bot");
    }

    @ParameterizedTest
    @ValueSource(strings = {"100000000000001", ":123", "fax:123", "whatsapp:", "messenger:a b", "instagram:<script>"})
    void rejectsWhatIsNotPlatformColonId(String raw) {
        assertThatThrownBy(() -> SocialAccount.parse(raw)).isInstanceOf(InvalidAddressException.class);
    }
}

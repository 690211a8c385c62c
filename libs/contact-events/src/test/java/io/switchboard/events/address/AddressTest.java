package io.switchboard.events.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "+44 20 7946 0958|GB",
            "020 7946 0958|GB",
            "(020) 7946-0958|GB",
            "00442079460958|US",
            "+44-20-7946-0958|",
            "tel:+44-20-7946-0958|",
            "tel:+442079460958;phone-context=example.com|",
            " +442079460958 |FR"})
    void ukFormatsResolveToOneE164(String raw, String region) {
        assertThat(Address.phone(raw, region)).isEqualTo(new Address(AddressKind.PHONE, "+442079460958", null));
    }

    @Test
    void regionDecidesNationalNumbers() {
        assertThat(Address.phone("(202) 555-0143", "US").value()).isEqualTo("+12025550143");
        assertThat(Address.phone("030 12345678", "de").value()).isEqualTo("+493012345678");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12", "call me", "+44 20 7946 09", "0800-FLOWERS", "+999 123 456 789", "020 7946 0958 x"})
    void badPhoneNumbersAreRejectedWithTheValue(String raw) {
        assertThatThrownBy(() -> Address.phone(raw, "GB"))
                .isInstanceOf(InvalidAddressException.class)
                .hasMessageContaining(raw.trim().isEmpty() ? "" : raw);
    }

    @Test
    void aNationalNumberWithoutRegionIsRejected() {
        assertThatThrownBy(() -> Address.phone("020 7946 0958", null)).isInstanceOf(InvalidAddressException.class);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void blankValuesAreRejected(String raw) {
        assertThatThrownBy(() -> Address.phone(raw, "GB")).isInstanceOf(InvalidAddressException.class);
        assertThatThrownBy(() -> Address.email(raw)).isInstanceOf(InvalidAddressException.class);
        assertThatThrownBy(() -> Address.chatVisitor(raw)).isInstanceOf(InvalidAddressException.class);
    }

    @Test
    void emailIsTrimmedAndCaseFolded() {
        assertThat(Address.email("  Jane.Doe+Billing@Example.COM ").value()).isEqualTo("jane.doe+billing@example.com");
        assertThat(Address.email("mailto:Jane@example.com").value()).isEqualTo("jane@example.com");
        assertThat(Address.email("JANE@EXAMPLE.COM")).isEqualTo(Address.email("jane@example.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jane", "jane@", "@example.com", "jane@example", "jane doe@example.com", "jane@@example.com",
            "jane@example..com", ".jane@example.com", "jane.@example.com", "jane@-example.com", "\"jane\"@example.com"})
    void badEmailsAreRejectedWithTheValue(String raw) {
        assertThatThrownBy(() -> Address.email(raw)).isInstanceOf(InvalidAddressException.class).hasMessageContaining(raw);
    }

    @Test
    void socialHandlesKeepTheirPlatform() {
        Address handle = Address.social(SocialPlatform.INSTAGRAM, " @jane.doe ");
        assertThat(handle.value()).isEqualTo("jane.doe");
        assertThat(handle.platform()).isEqualTo(SocialPlatform.INSTAGRAM);
        assertThat(handle).isNotEqualTo(Address.social(SocialPlatform.TELEGRAM, "jane.doe"));
        assertThatThrownBy(() -> Address.social(SocialPlatform.TELEGRAM, "has space")).isInstanceOf(InvalidAddressException.class);
        assertThatThrownBy(() -> new Address(AddressKind.EMAIL, "a@b.co", SocialPlatform.WHATSAPP))
                .isInstanceOf(InvalidAddressException.class);
    }
}

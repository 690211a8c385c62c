package io.switchboard.service.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class FormBodyTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void readsFieldsWithPlusAndPercentEscapes() throws Exception {
        var form = FormBody.parse(bytes("Body=Hello+w%C3%B6rld+%F0%9F%98%80&From=%2B447700900123&Empty=&Flag"));
        assertThat(form.get("Body")).containsExactly("Hello wörld 😀");
        assertThat(form.get("From")).containsExactly("+447700900123");
        assertThat(form.get("Empty")).containsExactly("");
        assertThat(form.get("Flag")).containsExactly("");
        assertThat(FormBody.parse(bytes("a=1&a=2")).get("a")).isEqualTo(List.of("1", "2"));
    }

    @Test
    void invalidUtf8AndUnpairedSurrogatesAreRefused() {
        assertThatThrownBy(() -> FormBody.parse(bytes("Body=%C3%28"))).isInstanceOf(MalformedFormException.class)
                .hasMessageContaining("UTF-8");
        // U+D83D alone, encoded the way CESU-8 would: not valid UTF-8.
        assertThatThrownBy(() -> FormBody.parse(bytes("Body=%ED%A0%BD"))).isInstanceOf(MalformedFormException.class);
        assertThatThrownBy(() -> FormBody.parse(bytes("Body=%FF"))).isInstanceOf(MalformedFormException.class);
    }

    @Test
    void malformedEscapesAndRawBytesAreRefused() {
        assertThatThrownBy(() -> FormBody.parse(bytes("Body=%4"))).isInstanceOf(MalformedFormException.class);
        assertThatThrownBy(() -> FormBody.parse(bytes("Body=%zz"))).isInstanceOf(MalformedFormException.class);
        assertThatThrownBy(() -> FormBody.parse(bytes("Body=caf\u00e9"))).isInstanceOf(MalformedFormException.class);
        assertThatThrownBy(() -> FormBody.parse(bytes("=value"))).isInstanceOf(MalformedFormException.class);
    }
}

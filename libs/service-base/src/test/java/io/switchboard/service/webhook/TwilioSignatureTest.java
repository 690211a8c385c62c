package io.switchboard.service.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Twilio's own published example (the "Webhooks security" page and its helper libraries' tests: auth
 * token 12345, https://mycompany.com/myapp.php?foo=1&bar=2, five call parameters, signature
 * GvWf1cFY/Q7PnoempGyD5oXAezc=), then every way a request can differ from what was signed.
 */
class TwilioSignatureTest {

    private static final String TOKEN = "12345";
    private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final String SIGNATURE = "GvWf1cFY/Q7PnoempGyD5oXAezc=";

    private static Map<String, List<String>> params() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("CallSid", List.of("CA1234567890ABCDE"));
        params.put("Caller", List.of("+14158675310"));
        params.put("Digits", List.of("1234"));
        params.put("From", List.of("+14158675310"));
        params.put("To", List.of("+18005551212"));
        return params;
    }

    @Test
    void twiliosPublishedExampleIsValid() {
        assertThat(TwilioSignature.sign(TOKEN, URL, params())).isEqualTo(SIGNATURE);
        assertThat(TwilioSignature.valid(TOKEN, URL, params(), SIGNATURE)).isTrue();
    }

    @Test
    void theOrderParametersArriveInDoesNotMatter() {
        Map<String, List<String>> reversed = new LinkedHashMap<>();
        List<String> names = List.copyOf(params().keySet());
        for (int i = names.size() - 1; i >= 0; i--) {
            reversed.put(names.get(i), params().get(names.get(i)));
        }
        assertThat(TwilioSignature.valid(TOKEN, URL, reversed, SIGNATURE)).isTrue();
    }

    @Test
    void aTamperedUrlIsRefused() {
        assertThat(TwilioSignature.valid(TOKEN, URL.replace("https", "http"), params(), SIGNATURE)).isFalse();
        assertThat(TwilioSignature.valid(TOKEN, URL.replace("foo=1", "foo=2"), params(), SIGNATURE)).isFalse();
        assertThat(TwilioSignature.valid(TOKEN, URL.replace("mycompany.com", "mycompany.com:8443"), params(), SIGNATURE)).isFalse();
        assertThat(TwilioSignature.valid(TOKEN, "https://mycompany.com/myapp.php", params(), SIGNATURE)).isFalse();
    }

    @Test
    void aTamperedParameterIsRefused() {
        Map<String, List<String>> changed = params();
        changed.put("Digits", List.of("1235"));
        assertThat(TwilioSignature.valid(TOKEN, URL, changed, SIGNATURE)).isFalse();
        Map<String, List<String>> added = params();
        added.put("Body", List.of("hello"));
        assertThat(TwilioSignature.valid(TOKEN, URL, added, SIGNATURE)).isFalse();
        Map<String, List<String>> removed = params();
        removed.remove("Caller");
        assertThat(TwilioSignature.valid(TOKEN, URL, removed, SIGNATURE)).isFalse();
        Map<String, List<String>> renamed = params();
        renamed.put("from", renamed.remove("From"));
        assertThat(TwilioSignature.valid(TOKEN, URL, renamed, SIGNATURE)).isFalse();
    }

    @Test
    void aSignatureOverTheUnsortedParametersIsRefused() {
        // What a signer that forgot to sort would send: the concatenation in arrival order.
        Map<String, List<String>> shuffled = new LinkedHashMap<>();
        shuffled.put("To", List.of("+18005551212"));
        shuffled.put("CallSid", List.of("CA1234567890ABCDE"));
        String unsorted = TwilioSignature.sign(TOKEN, URL + "ToCA", Map.of());
        assertThat(TwilioSignature.valid(TOKEN, URL, shuffled, unsorted)).isFalse();
    }

    @Test
    void aSignatureOverTheRawBodyOrAnotherTokenIsRefused() {
        String overBody = TwilioSignature.sign(TOKEN, URL + "CallSid=CA1234567890ABCDE&Caller=%2B14158675310", Map.of());
        assertThat(TwilioSignature.valid(TOKEN, URL, params(), overBody)).isFalse();
        assertThat(TwilioSignature.valid("54321", URL, params(), SIGNATURE)).isFalse();
    }

    @Test
    void missingOrMalformedSignaturesAreRefused() {
        assertThat(TwilioSignature.valid(TOKEN, URL, params(), null)).isFalse();
        assertThat(TwilioSignature.valid(TOKEN, URL, params(), "")).isFalse();
        assertThat(TwilioSignature.valid(TOKEN, URL, params(), SIGNATURE.substring(1))).isFalse();
        assertThat(TwilioSignature.valid(TOKEN, URL, params(), "ünïcode")).isFalse();
        assertThat(TwilioSignature.valid("", URL, params(), SIGNATURE)).isFalse();
    }

    @Test
    void repeatedParametersAreSortedByValue() {
        Map<String, List<String>> a = new LinkedHashMap<>(Map.of("MediaUrl", List.of("b", "a")));
        Map<String, List<String>> b = new LinkedHashMap<>(Map.of("MediaUrl", List.of("a", "b")));
        assertThat(TwilioSignature.sign(TOKEN, URL, a)).isEqualTo(TwilioSignature.sign(TOKEN, URL, b))
                .isEqualTo(TwilioSignature.sign(TOKEN, URL + "MediaUrlaMediaUrlb", Map.of()));
    }
}

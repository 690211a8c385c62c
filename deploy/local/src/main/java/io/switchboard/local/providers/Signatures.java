package io.switchboard.local.providers;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The providers' webhook signatures, computed as each documents them, for the callbacks the simulator posts. */
public final class Signatures {

    private Signatures() {
    }

    /** Twilio's {@code X-Twilio-Signature}: base64 HMAC-SHA1 of the URL followed by the sorted parameters, name then value. */
    public static String twilio(String authToken, String url, Map<String, String> parameters) {
        StringBuilder signed = new StringBuilder(url);
        new TreeMap<>(parameters).forEach((name, value) -> signed.append(name).append(value));
        return Base64.getEncoder().encodeToString(hmac("HmacSHA1", authToken, signed.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** Meta's {@code X-Hub-Signature-256}: {@code sha256=} and the hex HMAC-SHA256 of the raw body with the app secret. */
    public static String meta(String appSecret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", appSecret, body));
    }

    private static byte[] hmac(String algorithm, String key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}

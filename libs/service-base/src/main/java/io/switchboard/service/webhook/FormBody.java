package io.switchboard.service.webhook;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an {@code application/x-www-form-urlencoded} body strictly: every name and value must be
 * well-formed percent-encoding of valid UTF-8 (an unpaired surrogate cannot be valid UTF-8). A lenient
 * decoder would turn bad bytes into U+FFFD, and the signature would then be checked over text the
 * provider never sent.
 */
public final class FormBody {

    private FormBody() {
    }

    public static Map<String, List<String>> parse(byte[] body) throws MalformedFormException {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (body.length == 0) {
            return params;
        }
        String ascii = new String(body, StandardCharsets.ISO_8859_1);
        for (String pair : ascii.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (name.isEmpty()) {
                throw new MalformedFormException("a form field without a name");
            }
            params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return params;
    }

    static String decode(String encoded) throws MalformedFormException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    throw new MalformedFormException("a truncated percent escape in the form body");
                }
                int hi = Character.digit(encoded.charAt(i + 1), 16);
                int lo = Character.digit(encoded.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new MalformedFormException("an invalid percent escape in the form body: " + encoded.substring(i, i + 3));
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c > 0x7e || c < 0x20) {
                throw new MalformedFormException("a raw non-ASCII or control byte in the form body (it must be percent-encoded)");
            } else {
                bytes.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedFormException("the form body is not valid UTF-8 (a malformed sequence or an unpaired surrogate)");
        }
    }
}

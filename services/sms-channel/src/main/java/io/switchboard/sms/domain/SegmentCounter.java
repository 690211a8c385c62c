package io.switchboard.sms.domain;

/**
 * Counts the segments of an SMS body as carriers bill them (3GPP TS 23.038 / 23.040). GSM-7 holds 160
 * septets in one message or 153 per part of a concatenated one; the extension-table characters
 * ({@code ^ { } \ [ ~ ] | €} and form feed) take an escape septet and count 2. One character outside
 * GSM-7 makes the whole body UCS-2: 70 UTF-16 units in one message, 67 per part, an emoji (a surrogate
 * pair) counting 2. A part never splits an escape pair or a surrogate pair: the character moves to the
 * next part, as carriers' encoders do, which can cost a part more than a plain division says.
 */
public final class SegmentCounter {

    /** GSM 03.38 default alphabet, in table order (ESC 0x1B left out: it is not a character). */
    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    /** The extension table: each is ESC plus one septet. */
    private static final String EXTENSION = "\f^{}\\[~]|€";

    private SegmentCounter() {
    }

    public static Segments count(String text) {
        String body = text == null ? "" : text;
        return isGsm7(body) ? gsm7(body) : ucs2(body);
    }

    /** True when every character of the body is in the GSM-7 default alphabet or its extension table. */
    public static boolean isGsm7(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (BASIC.indexOf(c) < 0 && EXTENSION.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static Segments gsm7(String body) {
        int[] widths = new int[body.length()];
        for (int i = 0; i < body.length(); i++) {
            widths[i] = EXTENSION.indexOf(body.charAt(i)) >= 0 ? 2 : 1;
        }
        return pack(SmsEncoding.GSM7, widths);
    }

    private static Segments ucs2(String body) {
        int[] widths = new int[body.codePointCount(0, body.length())];
        int n = 0;
        for (int i = 0; i < body.length(); ) {
            int cp = body.codePointAt(i);
            widths[n++] = Character.charCount(cp);
            i += Character.charCount(cp);
        }
        return pack(SmsEncoding.UCS2, widths);
    }

    /** Fills parts greedily with indivisible characters of the given widths. */
    private static Segments pack(SmsEncoding encoding, int[] widths) {
        int units = 0;
        for (int width : widths) {
            units += width;
        }
        if (units == 0) {
            return new Segments(encoding, 0, 0, encoding.single(), encoding.single());
        }
        if (units <= encoding.single()) {
            return new Segments(encoding, 1, units, encoding.single(), encoding.single() - units);
        }
        int size = encoding.concatenated();
        int segments = 1;
        int used = 0;
        for (int width : widths) {
            if (used + width > size) {
                segments++;
                used = 0;
            }
            used += width;
        }
        return new Segments(encoding, segments, units, size, size - used);
    }
}

package io.switchboard.sms.domain;

import java.io.ByteArrayOutputStream;

/**
 * GSM 03.38 default alphabet, unpacked (one septet per byte, as SMPP carries data_coding 0): the
 * default table and the extension table behind ESC (0x1B).
 */
public final class GsmAlphabet {

    private static final String TABLE = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String EXTENSION_CHARS = "\f^{}\\[~]|€";
    private static final byte[] EXTENSION_CODES = {0x0A, 0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65};

    private GsmAlphabet() {
    }

    /** Unpacked septets to text; an unknown escape is read as a space, as 23.038 suggests. */
    public static String decode(byte[] septets) {
        StringBuilder text = new StringBuilder(septets.length);
        for (int i = 0; i < septets.length; i++) {
            int code = septets[i] & 0x7F;
            if (code == 0x1B && i + 1 < septets.length) {
                int next = septets[++i] & 0x7F;
                int ext = -1;
                for (int e = 0; e < EXTENSION_CODES.length; e++) {
                    if (EXTENSION_CODES[e] == next) {
                        ext = e;
                    }
                }
                text.append(ext >= 0 ? EXTENSION_CHARS.charAt(ext) : ' ');
            } else {
                text.append(TABLE.charAt(code));
            }
        }
        return text.toString();
    }

    /** Text known to be GSM-7 ({@link SegmentCounter#isGsm7}) as unpacked septets. */
    public static byte[] encode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int ext = EXTENSION_CHARS.indexOf(c);
            if (ext >= 0) {
                out.write(0x1B);
                out.write(EXTENSION_CODES[ext]);
            } else {
                int code = TABLE.indexOf(c);
                if (code < 0 || code == 0x1B) {
                    throw new IllegalArgumentException("not a GSM-7 character: " + c);
                }
                out.write(code);
            }
        }
        return out.toByteArray();
    }
}

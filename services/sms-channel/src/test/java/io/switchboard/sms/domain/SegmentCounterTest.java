package io.switchboard.sms.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The segment counter's cases; the inbox's TypeScript twin copies them one for one (text, encoding,
 * segments, units, remaining).
 */
class SegmentCounterTest {

    private static void expect(String text, SmsEncoding encoding, int segments, int units, int remaining) {
        Segments counted = SegmentCounter.count(text);
        assertThat(counted.encoding()).as("encoding of %s", text).isEqualTo(encoding);
        assertThat(counted.segments()).as("segments of %s", text).isEqualTo(segments);
        assertThat(counted.units()).as("units of %s", text).isEqualTo(units);
        assertThat(counted.remaining()).as("remaining of %s", text).isEqualTo(remaining);
    }

    @Test
    void anEmptyBodyIsNoSegment() {
        expect("", SmsEncoding.GSM7, 0, 0, 160);
    }

    @Test
    void plainTextFitsOneGsmSegmentUpTo160() {
        expect("Hello", SmsEncoding.GSM7, 1, 5, 155);
        expect("a".repeat(160), SmsEncoding.GSM7, 1, 160, 0);
    }

    @Test
    void longerGsmTextTakes153PerPart() {
        expect("a".repeat(161), SmsEncoding.GSM7, 2, 161, 145);
        expect("a".repeat(306), SmsEncoding.GSM7, 2, 306, 0);
        expect("a".repeat(307), SmsEncoding.GSM7, 3, 307, 152);
    }

    @Test
    void extensionCharactersCountTwice() {
        expect("€", SmsEncoding.GSM7, 1, 2, 158);
        expect("^{}\\[~]|€", SmsEncoding.GSM7, 1, 18, 142);
        expect("€".repeat(80), SmsEncoding.GSM7, 1, 160, 0);
        // 162 septets: 76 € fill 152 of the first part, the 77th would straddle it.
        expect("€".repeat(81), SmsEncoding.GSM7, 2, 162, 143);
    }

    @Test
    void anEscapePairIsNeverSplitAcrossParts() {
        // 306 septets would be 2 parts by division; the € cannot start at septet 153, so 3.
        expect("a".repeat(152) + "€" + "a".repeat(152), SmsEncoding.GSM7, 3, 306, 152);
    }

    @Test
    void theGsmAlphabetIncludesSomeAccentsAndGreekCapitals() {
        expect("Café à Málaga? ¿Qué? Δ Ω ñ Ü", SmsEncoding.UCS2, 1, 28, 42); // á is not GSM-7
        expect("Café à Ñ Ü Δ Ω ¡¿ £$¥ §", SmsEncoding.GSM7, 1, 23, 137);
        expect("line\nbreak\r", SmsEncoding.GSM7, 1, 11, 149);
    }

    @Test
    void oneCharacterOutsideGsmMakesItUcs2() {
        expect("façade", SmsEncoding.UCS2, 1, 6, 64); // lower-case ç is not GSM-7 (only Ç is)
        expect("αβγ", SmsEncoding.UCS2, 1, 3, 67);
        expect("ж".repeat(70), SmsEncoding.UCS2, 1, 70, 0);
        expect("ж".repeat(71), SmsEncoding.UCS2, 2, 71, 63);
        expect("ж".repeat(134), SmsEncoding.UCS2, 2, 134, 0);
    }

    @Test
    void anEmojiIsTwoUtf16UnitsAndNeverSplit() {
        expect("Hello 😀", SmsEncoding.UCS2, 1, 8, 62);
        expect("😀".repeat(35), SmsEncoding.UCS2, 1, 70, 0);
        // 134 units would be 2 parts by division; the emoji cannot start at unit 67, so 3.
        expect("ж".repeat(66) + "😀" + "ж".repeat(66), SmsEncoding.UCS2, 3, 134, 66);
    }

    @Test
    void aNullBodyCountsAsEmpty() {
        expect(null, SmsEncoding.GSM7, 0, 0, 160);
    }
}

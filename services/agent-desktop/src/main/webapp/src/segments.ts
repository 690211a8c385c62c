/**
 * How many SMS segments a text costs, counted as carriers do (GSM 03.38) and as the SMS channel counts
 * before it sends: a text of GSM-7 characters fits 160 septets in one segment or 153 per segment when
 * split (the concatenation header takes the rest), and the extension table's characters
 * (^ { } \ [ ~ ] | € and form feed) take two, an escape and the character, which never straddle two
 * segments. One character outside GSM-7 makes the whole text UCS-2: 70 UTF-16 code units in one
 * segment, 67 per segment when split, and a surrogate pair (an emoji) never straddles two either.
 */
export interface SegmentCount {
  encoding: 'GSM-7' | 'UCS-2';
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) the text takes. */
  units: number;
  segments: number;
  /** How many more units fit before another segment starts. */
  remaining: number;
}

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '\f^{}\\[~]|€';

export function countSegments(text: string | null | undefined): SegmentCount {
  const characters = Array.from(text ?? '');
  const septets: number[] = [];
  for (const ch of characters) {
    if (GSM_BASIC.includes(ch)) septets.push(1);
    else if (GSM_EXTENSION.includes(ch)) septets.push(2);
    else return pack('UCS-2', characters.map((c) => c.length), 70, 67);
  }
  return pack('GSM-7', septets, 160, 153);
}

/** Fills segments with the characters' widths in order; a character that does not fit starts the next one. */
function pack(encoding: SegmentCount['encoding'], widths: number[], single: number, multi: number): SegmentCount {
  const units = widths.reduce((sum, w) => sum + w, 0);
  if (units <= single) return { encoding, units, segments: units === 0 ? 0 : 1, remaining: single - units };
  let segments = 1;
  let used = 0;
  for (const width of widths) {
    if (used + width > multi) {
      segments += 1;
      used = 0;
    }
    used += width;
  }
  return { encoding, units, segments, remaining: multi - used };
}

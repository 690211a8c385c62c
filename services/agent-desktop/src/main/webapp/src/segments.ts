/**
 * How many SMS segments a text costs, counted as carriers do (GSM 03.38): a text of GSM-7 characters
 * fits 160 in one segment or 153 per segment when split (the concatenation header takes the rest), and
 * the extension table's characters (^ { } \ [ ~ ] | €) take two. One character outside GSM-7 makes the
 * whole text UCS-2: 70 in one segment, 67 per segment when split, counting UTF-16 code units (an emoji
 * takes two). The SMS channel counts the same way before it sends.
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
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '\f^{}\\[~]|€';

export function countSegments(text: string): SegmentCount {
  let septets = 0;
  let gsm = true;
  for (const ch of text) {
    if (GSM_BASIC.includes(ch)) septets += 1;
    else if (GSM_EXTENSION.includes(ch)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) return split('GSM-7', septets, 160, 153);
  return split('UCS-2', text.length, 70, 67);
}

function split(encoding: SegmentCount['encoding'], units: number, single: number, multi: number): SegmentCount {
  if (units <= single) return { encoding, units, segments: units === 0 ? 0 : 1, remaining: single - units };
  const segments = Math.ceil(units / multi);
  return { encoding, units, segments, remaining: segments * multi - units };
}

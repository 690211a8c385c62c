// The inbox's segment count must agree with the SMS channel's (services/sms-channel SegmentCounterTest):
// the same cases, the same answers. `npm test` compiles src/segments.ts and runs this with node's own
// test runner; Maven runs it in the test phase.
import { test } from 'node:test';
import { deepStrictEqual } from 'node:assert';
import { countSegments } from '../.test-build/segments.js';

const cases = [
  ['empty', '', 'GSM-7', 0, 0, 160],
  ['hello', 'Hello', 'GSM-7', 1, 5, 155],
  ['160 a', 'a'.repeat(160), 'GSM-7', 1, 160, 0],
  ['161 a', 'a'.repeat(161), 'GSM-7', 2, 161, 145],
  ['306 a', 'a'.repeat(306), 'GSM-7', 2, 306, 0],
  ['307 a', 'a'.repeat(307), 'GSM-7', 3, 307, 152],
  ['euro counts twice', '€', 'GSM-7', 1, 2, 158],
  ['extension table', '^{}\\[~]|€', 'GSM-7', 1, 18, 142],
  ['80 euros', '€'.repeat(80), 'GSM-7', 1, 160, 0],
  ['81 euros', '€'.repeat(81), 'GSM-7', 2, 162, 143],
  ['an escape pair never split', 'a'.repeat(152) + '€' + 'a'.repeat(152), 'GSM-7', 3, 306, 152],
  ['one accent outside GSM-7', 'Café à Málaga? ¿Qué? Δ Ω ñ Ü', 'UCS-2', 1, 28, 42],
  ['GSM-7 accents and symbols', 'Café à Ñ Ü Δ Ω ¡¿ £$¥ §', 'GSM-7', 1, 23, 137],
  ['line breaks', 'line\nbreak\r', 'GSM-7', 1, 11, 149],
  ['only the capital Ç is GSM-7', 'façade', 'UCS-2', 1, 6, 64],
  ['greek lower case', 'αβγ', 'UCS-2', 1, 3, 67],
  ['70 cyrillic', 'ж'.repeat(70), 'UCS-2', 1, 70, 0],
  ['71 cyrillic', 'ж'.repeat(71), 'UCS-2', 2, 71, 63],
  ['134 cyrillic', 'ж'.repeat(134), 'UCS-2', 2, 134, 0],
  ['an emoji is two units', 'Hello 😀', 'UCS-2', 1, 8, 62],
  ['35 emoji', '😀'.repeat(35), 'UCS-2', 1, 70, 0],
  ['a surrogate pair never split', 'ж'.repeat(66) + '😀' + 'ж'.repeat(66), 'UCS-2', 3, 134, 66],
];

for (const [name, text, encoding, segments, units, remaining] of cases) {
  test(name, () => {
    deepStrictEqual(countSegments(text), { encoding, units, segments, remaining });
  });
}

test('no text at all', () => {
  deepStrictEqual(countSegments(null), { encoding: 'GSM-7', units: 0, segments: 0, remaining: 160 });
});

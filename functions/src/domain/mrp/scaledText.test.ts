import { fromScaled } from './scaled.js';

/** fromScaled's arithmetic fast path gives the text the digit-string way gives. */
function byDigits(value: number, scale: number): string {
  const negative = value < 0;
  const digits = String(Math.abs(value)).padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const frac = scale ? digits.slice(digits.length - scale).replace(/0+$/, '') : '';
  return `${negative && value !== 0 ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

test('fromScaled equals the digit-string text for values around every boundary', () => {
  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const values = [0, -0, 1, -1, 9, 10, 99, 100, 101, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), 2 ** 53 - 1];
  // Around the whole texts made once (below 2^16), at every scale.
  for (const w of [65_534, 65_535, 65_536, 65_537])
    for (let scale = 0; scale <= 4; scale++) values.push(w * 10 ** scale, -w * 10 ** scale);
  for (let k = 0; k < 5000; k++) {
    const v = Math.floor(random() * 10 ** Math.floor(random() * 16));
    values.push(v, -v, v * 10, v * 1000);
  }
  const wrong: string[] = [];
  for (const v of values) {
    if (!Number.isSafeInteger(v)) continue;
    for (let scale = 0; scale <= 15; scale++)
      if (fromScaled(v, scale) !== byDigits(v, scale)) wrong.push(`${v} @${scale}`);
  }
  expect(wrong).toEqual([]);
});

test('a whole quantity below 2^16 is one shared text, whatever its scale', () => {
  expect(fromScaled(42, 0)).toBe('42');
  expect(fromScaled(4200, 2)).toBe(fromScaled(42, 0));
  expect(fromScaled(-42, 0)).toBe('-42');
  expect(fromScaled(-4200, 2)).toBe('-42');
  expect(fromScaled(6_553_600, 2)).toBe('65536');
});

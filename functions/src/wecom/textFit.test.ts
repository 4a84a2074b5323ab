import { fitText } from './textFit.js';

test('keeps every line that fits, without a count', () => {
  expect(fitText(['头'], ['a', 'b'], ['尾'])).toBe('头\na\nb\n尾');
});

test('leaves out the last lines of a long notice and says how many there were', () => {
  const lines = Array.from({ length: 200 }, (_, i) => `第${i + 1}行：电机四十瓦铜线款 1200 个`);
  const text = fitText(['【待检】'], lines, ['请处理']);
  expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(2000);
  expect(text.startsWith('【待检】\n第1行')).toBe(true);
  expect(text.endsWith('……等 200 行\n请处理')).toBe(true);
});

import { qtyProblem } from './quantity';

describe('a typed quantity, checked before it is sent', () => {
  test.each([
    ['', 2, '请输入大于 0 的数量'],
    ['0', 2, '请输入大于 0 的数量'],
    ['-1', 2, '请输入大于 0 的数量'],
    ['abc', 2, '请输入大于 0 的数量'],
    ['1.234', 2, '数量 1.234 最多 2 位小数'],
    ['1.5', 0, '数量 1.5 只能是整数'],
    ['1234567890123', 0, '超出范围：最多 12 位整数、6 位小数'],
  ])('%j at precision %i: %s', (text, precision, message) => {
    expect(qtyProblem(text, precision)).toBe(message);
  });
  test('a quantity within the precision passes, trailing zeros allowed', () => {
    expect(qtyProblem('12.5', 2)).toBeUndefined();
    expect(qtyProblem(' 3.10 ', 1)).toBeUndefined();
    expect(qtyProblem('3', 0)).toBeUndefined();
  });
});

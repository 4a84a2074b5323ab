import { formatYuan, groupDigits, qtyWithUnit } from './format';

describe('groupDigits', () => {
  it('groups the whole part by thousands and keeps sign and decimals as given', () => {
    expect(groupDigits('42000')).toBe('42,000');
    expect(groupDigits('1280.5')).toBe('1,280.5');
    expect(groupDigits('1234567.125')).toBe('1,234,567.125');
    expect(groupDigits('-1234567.125')).toBe('-1,234,567.125');
    expect(groupDigits('999')).toBe('999');
    expect(groupDigits('0.0001')).toBe('0.0001');
    expect(groupDigits('12.50')).toBe('12.50');
  });

  it('leaves text that is not a number as it is', () => {
    expect(groupDigits('abc')).toBe('abc');
    expect(groupDigits('')).toBe('');
    expect(groupDigits('1.')).toBe('1.');
    expect(groupDigits('1e6')).toBe('1e6');
  });
});

describe('qtyWithUnit', () => {
  it('shows a unit code by its zh-CN name and a name as it is', () => {
    expect(qtyWithUnit('12500', 'pcs')).toBe('12,500 个');
    expect(qtyWithUnit('18.5', 'kg')).toBe('18.5 千克');
    expect(qtyWithUnit('1200', '千克')).toBe('1,200 千克');
  });

  it('shows the number alone without a unit', () => {
    expect(qtyWithUnit('5', '')).toBe('5');
    expect(qtyWithUnit('42000', undefined)).toBe('42,000');
  });
});

describe('formatYuan', () => {
  it('shows ¥, grouped digits and at least two decimals', () => {
    expect(formatYuan('1539.33')).toBe('¥1,539.33');
    expect(formatYuan('1539')).toBe('¥1,539.00');
    expect(formatYuan('5200.5')).toBe('¥5,200.50');
    expect(formatYuan('1153.9330')).toBe('¥1,153.9330');
  });

  it('puts the sign before ¥, and never on zero', () => {
    expect(formatYuan('-1200.5')).toBe('-¥1,200.50');
    expect(formatYuan('-0')).toBe('¥0.00');
    expect(formatYuan('0.00')).toBe('¥0.00');
  });

  it('shows a dash for no amount or text that is not one', () => {
    expect(formatYuan(null)).toBe('—');
    expect(formatYuan(undefined)).toBe('—');
    expect(formatYuan('12,5')).toBe('—');
  });
});

import { progressText, sharePercent, strategyLabel, unitLabel } from './salesProgress';

describe('order progress on the phone', () => {
  test('units show by name, never as a bare code; unknown codes as they are', () => {
    expect(['pcs', 'kg', 'set', 'm', 'PCS'].map((u) => unitLabel(u))).toEqual([
      '个',
      '千克',
      '套',
      '米',
      '个',
    ]);
    expect(unitLabel('xyz')).toBe('xyz');
    expect(unitLabel(undefined)).toBe('');
  });

  test('shares are whole percents for the bars, exact on decimals', () => {
    expect(sharePercent('3', '5')).toBe(60);
    expect(sharePercent('2', '3')).toBe(66);
    expect(sharePercent('0.1', '0.3')).toBe(33);
    expect(sharePercent('7', '5')).toBe(100);
    expect(sharePercent('0', '5')).toBe(0);
    expect(sharePercent('1', '0')).toBe(0);
  });

  test('texts', () => {
    expect(progressText('3', '5', 'pcs')).toBe('3 / 5 个');
    expect(strategyLabel('mto', 'SO-1')).toBe('按单生产 · 跟踪号 SO-1');
    expect(strategyLabel('mts')).toBe('备货生产（库存）');
  });
});

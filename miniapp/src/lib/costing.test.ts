import type { CostingRun, ProductCostLine } from '@factory/shared';
import {
  addMonths,
  composition,
  defaultMonth,
  formatRate,
  latestClosed,
  marginNote,
  materialKind,
  monthLabel,
  monthOf,
  pickerMonths,
  productElements,
  refusalText,
  runProgress,
  shareOf,
  trendRange,
} from './costing';
import { formatYuan, groupDigits, qtyWithUnit } from './format';

const NOW = new Date('2026-12-01T00:30:00Z');

describe('months', () => {
  test('the month in Shanghai, months back and forward, labels', () => {
    expect(monthOf(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(monthLabel('2026-03')).toBe('2026年3月');
    expect(trendRange('2026-11')).toEqual({ from: '2026-06', to: '2026-11' });
  });
  test('the picker: periods costed, this month and the one before, newest first, no repeats', () => {
    expect(pickerMonths([{ period: '2026-11' }, { period: '2026-09' }], NOW)).toEqual([
      '2026-12',
      '2026-11',
      '2026-09',
    ]);
    expect(pickerMonths([], NOW)).toEqual(['2026-12', '2026-11']);
    // 更早 twice: two months before the oldest; a month opened from the trend is offered too.
    expect(pickerMonths([], NOW, 2)).toEqual(['2026-12', '2026-11', '2026-10', '2026-09']);
    expect(pickerMonths([], NOW, 0, '2026-06')).toEqual(['2026-12', '2026-11', '2026-06']);
    expect(defaultMonth([], NOW)).toBe('2026-11');
    expect(defaultMonth([{ period: '2026-10' }], NOW)).toBe('2026-10');
  });
  test('only the latest closed period reopens', () => {
    const periods = [
      { period: '2026-11', status: 'costed' },
      { period: '2026-10', status: 'closed' },
      { period: '2026-09', status: 'closed' },
    ];
    expect(latestClosed(periods)).toBe('2026-10');
    expect(latestClosed([{ period: '2026-11', status: 'open' }])).toBeUndefined();
  });
});

describe('numbers as people read them', () => {
  test('amounts with separators and two decimals, unit costs as given, quantities with units', () => {
    expect(groupDigits('1234567.5')).toBe('1,234,567.5');
    expect(formatYuan('1539.33')).toBe('¥1,539.33');
    expect(formatYuan('1539')).toBe('¥1,539.00');
    expect(formatYuan('-1200.5')).toBe('-¥1,200.50');
    expect(formatYuan('0.00')).toBe('¥0.00');
    expect(formatYuan(null)).toBe('—');
    expect(formatYuan('1153.9330')).toBe('¥1,153.9330');
    expect(formatYuan(null)).toBe('—');
    expect(qtyWithUnit('12500', 'pcs')).toBe('12,500 个');
    expect(qtyWithUnit('18.5', 'kg')).toBe('18.5 千克');
    expect(formatRate('25.10')).toBe('25.10%');
    expect(formatRate(null)).toBe('—');
  });
  test('why a product has no margin', () => {
    const line = { salesUnitPrice: null, deliveredQty: '0' } as ProductCostLine;
    expect(marginNote(line)).toBe('本期没有发货');
    expect(marginNote({ ...line, deliveredQty: '4' })).toBe('本期发货没有销售单价');
    expect(marginNote({ ...line, salesUnitPrice: '30.0000' })).toBeUndefined();
  });
  test('material lines: drawn, returned, backflushed', () => {
    expect(materialKind({ kind: 'issue', qty: '30' })).toBe('领料');
    expect(materialKind({ kind: 'issue', qty: '-2' })).toBe('退料');
    expect(materialKind({ kind: 'consume', qty: '10' })).toBe('倒冲');
  });
  test('refusals in words, never a code', () => {
    expect(
      refusalText({ status: 409, code: 'costing.invalidState', message: '请先关账期间 2026-10' }),
    ).toBe('请先关账期间 2026-10');
    expect(refusalText({ status: 403, code: 'auth.forbidden', message: 'forbidden' })).toBe(
      '您的角色不能执行此操作',
    );
    expect(refusalText({ status: 0, code: 'network', message: 'timeout' })).toBe(
      '网络连接失败，请稍后重试',
    );
    expect(refusalText({ status: 500, code: 'x.y', message: 'boom' })).toBe(
      '操作未成功，请稍后重试',
    );
  });
});

describe('composition bars', () => {
  it("a product's bar is its restored composition when there is one", () => {
    const elements = {
      openingWip: '10.00',
      material: '542.22',
      pools: { labour: '200.00' },
      outsourcingFee: '0.00',
    };
    const restored = { material: '253.81', pools: { labour: '488.41' }, outsourcingFee: '0.00' };
    expect(productElements({ elements, restored })).toEqual({ ...restored, openingWip: '0.00' });
    expect(productElements({ elements })).toBe(elements);
  });

  const pools = [
    { code: 'labour', name: '直接人工' },
    { code: 'overhead', name: '制造费用' },
  ];
  test('each element its share of the sum, pools by name, zeros left out', () => {
    const segs = composition(
      {
        material: '300.00',
        pools: { labour: '100.00', overhead: '0.00' },
        outsourcingFee: '0.00',
        openingWip: '100.00',
      },
      pools,
    );
    expect(segs.map((s) => [s.key, s.label, s.amount, s.width])).toEqual([
      ['material', '直接材料', '300.00', '60.00%'],
      ['pool-labour', '直接人工', '100.00', '20.00%'],
      ['openingWip', '期初在产品', '100.00', '20.00%'],
    ]);
    expect(new Set(segs.map((s) => s.colour)).size).toBe(3);
  });
  test('a negative element shows in the legend with no width; nothing at all: no widths', () => {
    const segs = composition(
      { material: '-10.00', pools: { labour: '50.00' }, outsourcingFee: '0', openingWip: '0' },
      pools,
    );
    expect(segs.map((s) => s.width)).toEqual(['0%', '100.00%']);
    expect(
      composition({ material: '0', pools: {}, outsourcingFee: '0', openingWip: '0' }, []),
    ).toEqual([]);
  });
  test('a value against the largest', () => {
    expect(shareOf('50', 200)).toBe('25.00%');
    expect(shareOf(null, 200)).toBe('0%');
    expect(shareOf('5', 0)).toBe('0%');
  });
});

describe('run progress', () => {
  const run = (status: CostingRun['status'], steps: string[]): CostingRun => ({
    runId: 'r',
    status,
    requestedBy: 'sunli',
    requestedAt: '2026-12-01T00:00:00Z',
    steps: steps.map((name) => ({ name, at: '2026-12-01T00:00:01Z' })),
  });
  test('done, the one under way, those to come', () => {
    expect(runProgress(run('running', ['load'])).map((s) => `${s.label}:${s.state}`)).toEqual([
      '读取账簿:done',
      '计算:current',
      '写入报告:waiting',
      '通知:waiting',
    ]);
    expect(
      runProgress(run('completed', ['load', 'compute', 'write'])).every((s) => s.state === 'done'),
    ).toBe(true);
    expect(runProgress(run('failed', ['load'])).map((s) => s.state)).toEqual([
      'done',
      'waiting',
      'waiting',
      'waiting',
    ]);
  });
});

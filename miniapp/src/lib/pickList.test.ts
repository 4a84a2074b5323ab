import type { PickList } from '@factory/shared';
import {
  defaultPickQty,
  isShort,
  issueLines,
  postedByOrder,
  mergedOrders,
  nextLine,
  pickLines,
  sourceLabel,
  substituteQty,
  takenErrors,
  takenLines,
} from './pickList';

const list = (lines: PickList['lines']): PickList => ({ orders: ['MO-1'], lines });
const line = (item: string, warehouse: string, qty: string, available: string) => ({
  item,
  warehouse,
  qty,
  available,
  shares: [{ order: 'MO-1', qty }],
});

describe('substitutes on the pick list', () => {
  const motor = {
    ...line('PT-MOT40', 'RM', '500', '280'),
    substitutes: [
      {
        item: 'PT-MOT40B',
        priority: 1,
        ratio: '1',
        warehouse: 'RM',
        available: '120',
        covers: '120',
      },
      {
        item: 'PT-MOT40C',
        priority: 2,
        ratio: '0.5',
        warehouse: 'RM2',
        available: '500',
        covers: '1000',
      },
    ],
  };

  it('offers a row per substitute under a short component, covering at most its shortfall', () => {
    const lines = pickLines(list([motor]), { substitutes: true });
    expect(lines.map((l) => [l.key, l.open, l.substituteFor ?? ''])).toEqual([
      ['PT-MOT40', '500', ''],
      ['PT-MOT40>PT-MOT40B', '120', 'PT-MOT40'],
      ['PT-MOT40>PT-MOT40C', '220', 'PT-MOT40'], // the shortfall, not the 1000 its stock covers
    ]);
    expect(lines[2]).toMatchObject({ item: 'PT-MOT40C', warehouse: 'RM2', ratio: '0.5' });
    expect(isShort(lines[2]!)).toBe(false);
    expect(defaultPickQty(lines[1]!)).toBe('120');
    // Not short, or a merged list: no substitute rows.
    expect(pickLines(list([{ ...motor, available: '500' }]), { substitutes: true })).toHaveLength(
      1,
    );
    expect(pickLines(list([motor]))).toHaveLength(1);
  });

  it('sends a substitute row as the component line naming the substitute', () => {
    const lines = pickLines(list([motor]), { substitutes: true });
    expect(
      issueLines(lines, { 'PT-MOT40': '280', 'PT-MOT40>PT-MOT40C': '3', 'PT-MOT40>PT-MOT40B': '' }),
    ).toEqual([
      { item: 'PT-MOT40', warehouse: 'RM', qty: '280' },
      { item: 'PT-MOT40', warehouse: 'RM2', qty: '3', substitute: 'PT-MOT40C' },
    ]);
    // 3 motors × 0.5 = 1.5 -> 2 pieces of the substitute.
    expect(substituteQty('3', '0.5', 0)).toBe('2');
    expect(substituteQty('3', '0.5', 1)).toBe('1.5');
  });
});

describe('pick list', () => {
  it('keeps the server lines, keyed by item, or item@warehouse when an item has two', () => {
    const lines = pickLines(
      list([
        line('PT-MOT40', 'RM', '300', '80'),
        line('PT-GBOX', 'RM', '600', '1000'),
        line('PT-GBOX', 'SUB', '5', '5'),
      ]),
    );
    expect(lines.map((l) => l.key)).toEqual(['PT-MOT40', 'PT-GBOX@RM', 'PT-GBOX@SUB']);
    expect(lines[0]).toEqual({
      key: 'PT-MOT40',
      item: 'PT-MOT40',
      warehouse: 'RM',
      source: '',
      stock: {},
      open: '300',
      available: '80',
      shares: [{ order: 'MO-1', qty: '300' }],
    });
  });

  it('tells lines of one item and warehouse apart by their source (rejected, tracked)', () => {
    const lines = pickLines(
      list([
        line('FAN', 'QC', '5', '5'),
        { ...line('FAN', 'QC', '2', '2'), status: 'rejected' },
        { ...line('FAN', 'QC', '1', '0'), trackingNo: 'SO-1' },
        line('BOLT', 'RM', '8', '100'),
      ]),
    );
    expect(lines.map((l) => [l.key, l.source])).toEqual([
      ['FAN@QC', ''],
      ['FAN@QC:rejected', '不合格品'],
      ['FAN@QC:SO-1', '跟踪号 SO-1'],
      ['BOLT', ''],
    ]);
    expect(lines.map((l) => l.stock)).toEqual([
      {},
      { status: 'rejected' },
      { trackingNo: 'SO-1' },
      {},
    ]);
    expect(sourceLabel({ status: 'rejected', trackingNo: 'SO-9' })).toBe('不合格品 · 跟踪号 SO-9');
    expect(sourceLabel({ status: 'available' })).toBe('');
  });

  it('offers what is open, at most what is in stock, never below zero', () => {
    const [short, plenty, none] = pickLines(
      list([
        line('A', 'RM', '300', '80.5'),
        line('B', 'RM', '2.25', '1000'),
        line('C', 'RM', '4', '-1'),
      ]),
    );
    expect(defaultPickQty(short!)).toBe('80.5');
    expect(defaultPickQty(plenty!)).toBe('2.25');
    expect(defaultPickQty(none!)).toBe('0');
  });

  it("keeps each order's share of a merged line and marks lines short of stock", () => {
    const [hub, pp] = pickLines({
      orders: ['MO-A', 'MO-B', 'MO-C'],
      lines: [
        {
          item: 'PT-HUB',
          warehouse: 'RM',
          qty: '455',
          available: '1500',
          shares: [
            { order: 'MO-A', qty: '101' },
            { order: 'MO-B', qty: '152' },
            { order: 'MO-C', qty: '202' },
          ],
        },
        line('PT-PP', 'RM', '0.3', '0.29'),
      ],
    });
    expect(hub!.shares.map((s) => s.order)).toEqual(['MO-A', 'MO-B', 'MO-C']);
    expect(isShort(hub!)).toBe(false);
    expect(isShort(pp!)).toBe(true);
  });

  it('sends the lines taken (positive quantities) with their stock source', () => {
    const lines = pickLines(
      list([
        line('FAN', 'QC', '5', '5'),
        { ...line('FAN', 'QC', '2', '2'), status: 'rejected' },
        { ...line('BOLT', 'RM', '8', '100'), trackingNo: 'SO-1' },
        line('NUT', 'RM', '8', '100'),
      ]),
    );
    const taken = { 'FAN@QC:rejected': ' 1.5 ', BOLT: '8', NUT: '0', 'FAN@QC': '' };
    expect(takenLines(lines, taken)).toEqual([
      { item: 'FAN', warehouse: 'QC', qty: '1.5', status: 'rejected' },
      { item: 'BOLT', warehouse: 'RM', qty: '8', trackingNo: 'SO-1' },
    ]);
  });

  it('goes down the list: the first unconfirmed line, or the one tapped', () => {
    const lines = pickLines(
      list([line('A', 'RM', '1', '9'), line('B', 'RM', '1', '9'), line('C', 'RM', '1', '9')]),
    );
    expect(nextLine(lines, new Set())?.key).toBe('A');
    expect(nextLine(lines, new Set(['A']))?.key).toBe('B');
    expect(nextLine(lines, new Set(['A']), 'C')?.key).toBe('C');
    expect(nextLine(lines, new Set(['A', 'C']), 'C')?.key).toBe('B');
    expect(nextLine(lines, new Set(['A', 'B', 'C']))).toBeUndefined();
  });

  it('reads the chosen orders', () => {
    expect(mergedOrders(' MO-A,MO-B,,MO-A ,MO-C')).toEqual(['MO-A', 'MO-B', 'MO-C']);
    expect(mergedOrders(undefined)).toEqual([]);
    expect(mergedOrders('MO-A%2CMO-B')).toEqual(['MO-A', 'MO-B']);
    expect(mergedOrders('MO-100%')).toEqual(['MO-100%']);
  });

  it('tells what this pick posted per order, not what each had been issued', () => {
    expect(
      postedByOrder(
        ['MO-A', 'MO-B', 'MO-C'],
        [
          { order: 'MO-B', item: 'PT-PP', warehouse: 'RM', qty: '2.5' },
          { order: 'MO-A', item: 'PT-HUB', warehouse: 'RM', qty: '101' },
        ],
      ),
    ).toEqual([
      { order: 'MO-A', lines: [{ item: 'PT-HUB', warehouse: 'RM', qty: '101' }] },
      { order: 'MO-B', lines: [{ item: 'PT-PP', warehouse: 'RM', qty: '2.5' }] },
      { order: 'MO-C', lines: [] },
    ]);
    expect(postedByOrder(['MO-A'], undefined)).toEqual([{ order: 'MO-A', lines: [] }]);
  });
});

describe('the quantities of scanned lines, checked before a pick is sent', () => {
  const lines = pickLines(
    list([
      line('PT-MOT40', 'RM', '300', '80'),
      line('PT-GBOX', 'RM', '600', '1000'),
      line('PT-PP', 'RM', '12.5', '40'),
    ]),
  );
  const precision: Record<string, number> = { 'PT-MOT40': 0, 'PT-GBOX': 0, 'PT-PP': 3 };
  const check = (taken: Record<string, string>) =>
    takenErrors(lines, taken, (item) => precision[item]);

  it('accepts positive quantities within the unit, and lines not scanned are not looked at', () => {
    expect(check({})).toEqual({});
    expect(check({ 'PT-MOT40': '80', 'PT-PP': '1.125' })).toEqual({});
  });

  it('names each bad line: blank, not a number, negative, finer than the unit, too large', () => {
    expect(check({ 'PT-MOT40': ' ', 'PT-GBOX': '1.5', 'PT-PP': 'abc' })).toEqual({
      'PT-MOT40': '请输入领料数量',
      'PT-GBOX': '数量 1.5 只能是整数',
      'PT-PP': '请输入大于 0 的数量',
    });
    expect(check({ 'PT-PP': '-2' })).toEqual({ 'PT-PP': '请输入大于 0 的数量' });
    expect(check({ 'PT-PP': '1.0001' })).toEqual({ 'PT-PP': '数量 1.0001 最多 3 位小数' });
    expect(check({ 'PT-GBOX': '1234567890123' })).toEqual({
      'PT-GBOX': '超出范围：最多 12 位整数、6 位小数',
    });
  });

  it('a line at 0 is left out when another line takes something, and said when none does', () => {
    expect(check({ 'PT-MOT40': '0', 'PT-GBOX': '600' })).toEqual({});
    expect(check({ 'PT-MOT40': '0', 'PT-PP': '0.000' })).toEqual({
      'PT-MOT40': '领料数量为 0：请输入要领的数量',
      'PT-PP': '领料数量为 0：请输入要领的数量',
    });
    // A real mistake elsewhere is what is said; the zero line is not blamed for it.
    expect(check({ 'PT-MOT40': '0', 'PT-PP': 'x' })).toEqual({ 'PT-PP': '请输入大于 0 的数量' });
  });

  it("a substitute's row is typed in the component's unit", () => {
    const withSub = pickLines(
      list([
        {
          ...line('PT-MOT40', 'RM', '300', '80'),
          substitutes: [
            {
              item: 'PT-MOT40B',
              priority: 1,
              ratio: '1',
              warehouse: 'RM',
              available: '500',
              covers: '500',
            },
          ],
        },
      ]),
      { substitutes: true },
    );
    const sub = withSub.find((l) => l.substituteFor)!;
    const errs = takenErrors(withSub, { [sub.key]: '2.5' }, (item) =>
      item === 'PT-MOT40' ? 0 : 3,
    );
    expect(errs).toEqual({ [sub.key]: '数量 2.5 只能是整数' });
  });
});

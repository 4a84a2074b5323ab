import type { PickList, TaskNeed } from '@factory/shared';
import { checkSets, kitRefusal, kitRows, phantomsOf, zeroSetReasons } from './kit';

const list: PickList = {
  orders: ['MO-1'],
  lines: [
    { item: 'PT-HUB', warehouse: 'RM', qty: '2020', available: '1500', shares: [] },
    { item: 'PT-PP', warehouse: 'RM', qty: '381.1', available: '612.5', shares: [] },
    { item: 'PT-MB', warehouse: 'RM', qty: '1', available: '18.75', shares: [] },
  ],
  kit: {
    maxSets: '1485',
    remainingSets: '2000',
    components: [
      { item: 'PT-HUB', warehouse: 'RM', perSet: '1.01', available: '1500', sets: '1485' },
      { item: 'PT-PP', warehouse: 'RM', perSet: '0.19055', available: '612.5', sets: '3214' },
      { item: 'PT-MB', warehouse: 'RM', perSet: '0.00412', available: '18.75', sets: '4551' },
    ],
  },
};
const precision: Record<string, number> = { 'PT-HUB': 0, 'PT-PP': 3 };

describe('kit issue by sets', () => {
  it('shows what N sets issue: N × per set exactly, rounded up to the precision, capped at the need', () => {
    const rows = kitRows(list, '1485', (i) => precision[i]);
    expect(rows.map((r) => [r.key, r.issue, r.short])).toEqual([
      ['PT-HUB@RM', '1500', false], // 1499.85 -> 1500
      ['PT-PP@RM', '282.967', false], // 282.96675 -> 282.967
      ['PT-MB@RM', '1', false], // 6.1182 (precision unknown: exact), capped at the 1 still open
    ]);
    expect(kitRows(list, '1486', (i) => precision[i])[0]!.short).toBe(true);
    // Past the remaining need (2000 sets) the need is the limit, not stock: no row is short.
    expect(kitRows(list, '99999', (i) => precision[i]).map((r) => r.short)).toEqual([
      false,
      false,
      false,
    ]);
    expect(kitRows(list, '', (i) => precision[i])[0]!.issue).toBeUndefined();
    expect(kitRows(list, '0.1', () => undefined)[1]!.issue).toBe('0.019055');
    expect(kitRows({ ...list, kit: undefined }, '3', () => 0)).toEqual([]);
    // A rework order: the product from rejected stock, a repair part from available stock.
    const rework: PickList = {
      orders: ['RW-1'],
      lines: [
        { item: 'FAN', warehouse: 'QC', status: 'rejected', qty: '5', available: '5', shares: [] },
        { item: 'FAN', warehouse: 'QC', qty: '9', available: '9', shares: [] },
      ],
      kit: {
        maxSets: '5',
        remainingSets: '5',
        components: [
          {
            item: 'FAN',
            warehouse: 'QC',
            status: 'rejected',
            perSet: '1',
            available: '5',
            sets: '5',
          },
        ],
      },
    };
    // 9 sets is past the 5 still needed: capped at the need, and not marked short of stock.
    expect(kitRows(rework, '9', () => 0)).toMatchObject([
      { key: 'FAN@QC:rejected', source: '不合格品', open: '5', issue: '5', short: false },
    ]);
  });

  it('checks N: errors block (not a number, above what remains), above stock only warns', () => {
    const kit = list.kit!;
    expect(checkSets('', kit).error).toBe('请输入套数');
    expect(checkSets('-1', kit).error).toBe('套数须为大于 0 的数字');
    expect(checkSets('2001', kit).error).toBe('超出剩余需求：最多还能领 2000 套');
    expect(checkSets('1486', kit)).toEqual({ warning: '超出当前库存可齐套数（最多 1485 套）' });
    expect(checkSets('1485', kit)).toEqual({});
    expect(checkSets('3', undefined).error).toBe('本生产任务单没有可齐套领料的物料');
    expect(checkSets('3', { ...kit, components: [] }).error).toBe(
      '本生产任务单没有可齐套领料的物料',
    );
    expect(checkSets('1', { ...kit, maxSets: '0', remainingSets: '0' }).error).toBe(
      '本生产任务单已无待领的套数',
    );
  });

  it('lists the phantoms a skip-level issue can go through, outermost first, once', () => {
    const need = (item: string, path?: string[], method: 'manual' | 'backflush' = 'manual') =>
      ({
        item,
        qtyPer: '1',
        lossRate: '0',
        required: '1',
        issued: '0',
        warehouse: 'RM',
        issueMethod: method,
        ...(path ? { phantomPath: path } : {}),
      }) satisfies TaskNeed;
    expect(
      phantomsOf([
        need('A'),
        need('B', ['PH-OUT']),
        need('C', ['PH-OUT', 'PH-IN']),
        need('D', ['PH-BF'], 'backflush'),
      ]),
    ).toEqual(['PH-OUT', 'PH-IN']);
  });

  it('turns a refusal above stock into a message and the sets stock allows', () => {
    const r = kitRefusal({
      code: 'issue.kitExceedsStock',
      message: '库存只够齐套 380 套，不能领 400 套',
      details: {
        maxSets: '380',
        requested: '400',
        limiting: [{ item: 'PT-MOT40', warehouse: 'RM', available: '380', sets: '380' }],
      },
    });
    expect(r).toEqual({
      message: '库存仅够 380 套，不能领 400 套',
      sets: '380',
      limiting: ['PT-MOT40（RM）库存 380，仅够 380 套'],
    });
    expect(
      kitRefusal({ code: 'issue.kitExceedsStock', message: '', details: { maxSets: '0' } }),
    ).toEqual({ message: '库存不足一套，无法齐套领料', limiting: [] });
    expect(
      kitRefusal({ code: 'issue.overIssue', message: '', details: { remainingSets: '12' } }),
    ).toEqual({ message: '超出剩余需求：最多还能领 12 套', sets: '12', limiting: [] });
    expect(kitRefusal({ code: 'stock.insufficient', message: '库存不足' })).toBeUndefined();
  });
});

describe('when not one set can be issued', () => {
  it('names each component short of one set with its stock and what a set needs', () => {
    const empty = {
      ...list.kit!,
      maxSets: '0',
      components: [
        { ...list.kit!.components[0]!, available: '0.5', sets: '0' },
        list.kit!.components[1]!,
      ],
    };
    expect(zeroSetReasons(empty, (i) => `轮毂 ${i}`)).toEqual([
      { item: 'PT-HUB', text: '轮毂 PT-HUB：库存 0.5，每套需 1.01' },
    ]);
    expect(zeroSetReasons(list.kit, (i) => i)).toEqual([]);
    expect(zeroSetReasons(undefined, (i) => i)).toEqual([]);
  });
});

import type { DispositionLine } from '@factory/shared';
import { aResult, anInspectionOrder } from './builders.js';
import { checkDispositions, type DispositionFacts } from './dispositions.js';

const inspected = anInspectionOrder({ status: 'inspected', result: 'QR-1' });
const facts = (overrides: Partial<DispositionFacts> = {}): DispositionFacts => ({
  order: inspected,
  item: { code: 'STEEL', precision: 3, source: 'purchased' },
  ...overrides,
});
const check = (lines: DispositionLine[], f = facts(), result = aResult()) => {
  const r = checkDispositions(result, { lines }, f);
  return r.ok ? [] : r.issues.map((i) => [i.path.join('.'), i.message]);
};

describe('checkDispositions', () => {
  test('accepts a split that sums to the rejected quantity exactly', () => {
    // 4.5 rejected = 1.25 returned + 0.25 scrapped + 3 conceded.
    expect(
      check([
        { kind: 'returnToSupplier', qty: '1.25' },
        { kind: 'scrap', qty: '0.25' },
        { kind: 'concession', qty: '3' },
      ]),
    ).toEqual([]);
  });

  test('refuses a split that does not sum to the rejected quantity', () => {
    expect(check([{ kind: 'scrap', qty: '4' }])).toEqual([
      ['body.lines', '处置数量合计 4 应等于不合格数量 4.5'],
    ]);
  });

  test('refuses disposing more than rejected, per line', () => {
    expect(
      check([
        { kind: 'scrap', qty: '5' },
        { kind: 'concession', qty: '0.5' },
      ]),
    ).toEqual([
      ['body.lines.0.qty', '处置数量 5 超过不合格数量 4.5'],
      ['body.lines', '处置数量合计 5.5 应等于不合格数量 4.5'],
    ]);
  });

  test('return only for purchase and outsourcing receipts of an order line', () => {
    const production = anInspectionOrder({
      status: 'inspected',
      result: 'QR-1',
      receipt: { kind: 'production', doc: 'RC-9', line: 1 },
      source: { order: 'MO-1' },
    });
    expect(check([{ kind: 'returnToSupplier', qty: '4.5' }], facts({ order: production }))).toEqual(
      [['body.lines.0.kind', '只有采购入库和委外入库可以退回供应商或委外厂']],
    );
    const outsourced = {
      ...production,
      receipt: { kind: 'outsourcing' as const, doc: 'RC-9', line: 1 },
    };
    expect(check([{ kind: 'returnToSupplier', qty: '4.5' }], facts({ order: outsourced }))).toEqual(
      [['body.lines.0.kind', '检验单 QC-1 没有来源订单行，不能退货']],
    );
    expect(
      check(
        [{ kind: 'returnToSupplier', qty: '4.5' }],
        facts({ order: { ...outsourced, source: { order: 'WW-1', line: 1 } } }),
      ),
    ).toEqual([]);
  });

  test('rework only for manufactured and outsourced items', () => {
    expect(check([{ kind: 'rework', qty: '4.5' }])).toEqual([
      ['body.lines.0.kind', '物料 STEEL 不是自制或委外件，不能返修'],
    ]);
    for (const source of ['manufactured', 'outsourced'] as const) {
      expect(
        check(
          [{ kind: 'rework', qty: '4.5' }],
          facts({ item: { code: 'FG', precision: 3, source } }),
        ),
      ).toEqual([]);
    }
  });

  test('quantities fit the item precision', () => {
    expect(
      check(
        [{ kind: 'scrap', qty: '4.5' }],
        facts({ item: { code: 'STEEL', precision: 0, source: 'purchased' } }),
      ),
    ).toEqual([['body.lines.0.qty', '物料 STEEL 的数量必须是整数']]);
  });

  test('refuses an order not inspected, already disposed, or a result not in force', () => {
    expect(check([{ kind: 'scrap', qty: '4.5' }], facts({ order: anInspectionOrder() }))).toEqual([
      ['body', '检验单 QC-1 尚未检验，不能处置'],
    ]);
    expect(
      check(
        [{ kind: 'scrap', qty: '4.5' }],
        facts({ order: { ...inspected, status: 'disposed' } }),
      ),
    ).toEqual([['body', '检验单 QC-1 已处置，不能重复处置']]);
    expect(
      check([{ kind: 'scrap', qty: '4.5' }], facts(), aResult({ reversedBy: 'QR-2' })),
    ).toEqual([['body', '检验结果 QR-1 不是检验单 QC-1 的当前结果']]);
  });
});

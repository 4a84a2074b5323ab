import type { FieldIssue } from '@factory/shared';
import {
  aMove,
  aReceipt,
  aTransfer,
  aWarehouse,
  anAdjustment,
  anIssue,
  anItem,
  defaultRefs,
  refs,
} from './builders.js';
import {
  balanceChanges,
  balanceId,
  handTransferIssues,
  planAdjustment,
  planIssue,
  planReceipt,
  planTransfer,
} from './index.js';
import type { Planned } from './types.js';

function valueOf<T>(planned: Planned<T>): T {
  if (!planned.ok) throw new Error(`expected a plan, got ${JSON.stringify(planned.issues)}`);
  return planned.value;
}

function issuesOf<T>(planned: Planned<T>): FieldIssue[] {
  if (planned.ok) throw new Error('expected the request to be refused');
  return planned.issues;
}

const paths = (issues: FieldIssue[]) => issues.map((i) => i.path);

describe('planReceipt', () => {
  test('an item that needs inspection cannot be received straight to available, except opening stock and returns', () => {
    const r = refs(anItem({ inspection: true }), aWarehouse());
    expect(paths(issuesOf(planReceipt(aReceipt([{ status: 'available' }]), r)))).toEqual([
      ['lines', 0, 'status'],
    ]);
    for (const reason of ['opening', 'return'] as const) {
      const moves = valueOf(planReceipt(aReceipt([{ status: 'available' }], { reason }), r));
      expect(moves[0]!.status).toBe('available');
    }
  });

  test('plans one increment per line, numbered from 1', () => {
    const moves = valueOf(
      planReceipt(
        aReceipt([{ qty: '10' }, { qty: '2.5', lot: 'L1', trackingNo: 'SO-1' }]),
        defaultRefs(),
      ),
    );
    expect(moves).toEqual([
      {
        item: 'RM1',
        warehouse: 'RM',
        status: 'available',
        lot: '',
        trackingNo: '',
        lineNo: 1,
        qty: '10',
        unitCost: undefined,
      },
      {
        item: 'RM1',
        warehouse: 'RM',
        status: 'available',
        lot: 'L1',
        trackingNo: 'SO-1',
        lineNo: 2,
        qty: '2.5',
        unitCost: undefined,
      },
    ]);
  });

  test('carries the unit cost', () => {
    const unitCost = { amount: 1250, scale: 2, currency: 'CNY' as const };
    const [move] = valueOf(planReceipt(aReceipt([{ unitCost }]), defaultRefs()));
    expect(move!.unitCost).toEqual(unitCost);
  });

  test('an item that needs inspection is received into status inspection', () => {
    const [move] = valueOf(
      planReceipt(aReceipt(), refs(anItem({ inspection: true }), aWarehouse())),
    );
    expect(move!.status).toBe('inspection');
  });

  test('anything received into an inspection warehouse waits in status inspection', () => {
    const r = refs(anItem(), aWarehouse({ code: 'QC', kind: 'inspection' }));
    const [move] = valueOf(planReceipt(aReceipt([{ warehouse: 'QC' }]), r));
    expect(move!.status).toBe('inspection');
  });

  test('an explicit status on the line is kept', () => {
    const [move] = valueOf(planReceipt(aReceipt([{ status: 'rejected' }]), defaultRefs()));
    expect(move!.status).toBe('rejected');
  });

  test('a phantom may be received as opening stock, a return or a leftover, never bought', () => {
    const r = refs(anItem({ source: 'phantom' }), aWarehouse());
    for (const reason of ['opening', 'return', 'production', 'other'] as const) {
      expect(valueOf(planReceipt(aReceipt([{}], { reason }), r))).toHaveLength(1);
    }
    for (const reason of ['purchase', 'outsourcing'] as const) {
      expect(issuesOf(planReceipt(aReceipt([{}], { reason }), r))).toEqual([
        {
          path: ['lines', 0, 'item'],
          message: '虚拟件 RM1 不采购、不委外，只能以期初、退料、生产或其他方式入库',
        },
      ]);
    }
  });

  test('refuses an inactive item and an inactive warehouse', () => {
    const issues = issuesOf(
      planReceipt(aReceipt(), refs(anItem({ active: false }), aWarehouse({ active: false }))),
    );
    expect(issues).toEqual([
      { path: ['lines', 0, 'item'], message: '物料已停用：RM1' },
      { path: ['lines', 0, 'warehouse'], message: '仓库已停用：RM' },
    ]);
  });

  test('reports unknown items and warehouses at their line paths, all lines together', () => {
    const req = aReceipt([{ item: 'NOPE' }, { qty: '1.2345' }, { warehouse: 'XX' }, {}]);
    const issues = issuesOf(planReceipt(req, defaultRefs()));
    expect(issues).toEqual([
      { path: ['lines', 0, 'item'], message: '物料不存在：NOPE' },
      { path: ['lines', 1, 'qty'], message: '数量 1.2345 超出物料 RM1 的精度（3 位小数）' },
      { path: ['lines', 2, 'warehouse'], message: '仓库不存在：XX' },
    ]);
  });

  test('checks the quantity against the item’s precision; trailing zeros do not count', () => {
    const pcs = refs(anItem({ precision: 0 }), aWarehouse());
    expect(paths(issuesOf(planReceipt(aReceipt([{ qty: '1.5' }]), pcs)))).toEqual([
      ['lines', 0, 'qty'],
    ]);
    expect(valueOf(planReceipt(aReceipt([{ qty: '2.000' }]), pcs))).toHaveLength(1);
  });

  test('does not check precision when the item is unknown', () => {
    const issues = issuesOf(
      planReceipt(aReceipt([{ item: 'NOPE', qty: '1.23456789' }]), defaultRefs()),
    );
    expect(paths(issues)).toEqual([['lines', 0, 'item']]);
  });

  describe('customer-supplied material', () => {
    const csWarehouse = aWarehouse({ code: 'CS', kind: 'customerSupplied' });
    const cs = () =>
      refs(anItem({ source: 'customerSupplied', customer: 'C1' }), csWarehouse, aWarehouse());
    const receipt = (lines: Parameters<typeof aReceipt>[0]) =>
      aReceipt(lines, { reason: 'customerSupplied' });

    test('the stock is owned by the item’s customer unless the line names another', () => {
      const moves = valueOf(
        planReceipt(receipt([{ warehouse: 'CS' }, { warehouse: 'CS', customer: 'C2' }]), cs()),
      );
      expect(moves.map((m) => m.customer)).toEqual(['C1', 'C2']);
      expect(balanceId(moves[0]!)).not.toBe(balanceId(moves[1]!));
    });

    test('stock of an item without a customer must name its owner in a CS warehouse', () => {
      const r = refs(anItem(), csWarehouse);
      expect(issuesOf(planReceipt(receipt([{ warehouse: 'CS' }]), r))).toEqual([
        {
          path: ['lines', 0, 'customer'],
          message: '客供料仓 CS 中的 RM1 需注明所属客户（customer）',
        },
      ]);
    });

    test('refuses an owner outside customer-supplied warehouses, and CS receipts elsewhere', () => {
      expect(issuesOf(planReceipt(receipt([{ customer: 'C1' }]), cs()))).toEqual([
        { path: ['lines', 0, 'warehouse'], message: '客供料只能收入客供料仓，RM 不是客供料仓' },
        { path: ['lines', 0, 'customer'], message: '仓库 RM 不是客供料仓，其中的库存不属于客户' },
      ]);
    });

    test('returns to the customer come out of customer-supplied warehouses only', () => {
      const back = (warehouse: string) =>
        planIssue(anIssue([{ warehouse }], { reason: 'returnToCustomer' }), cs());
      expect(valueOf(back('CS'))[0]).toMatchObject({ customer: 'C1', qty: '-4' });
      expect(issuesOf(back('RM'))).toEqual([
        {
          path: ['lines', 0, 'warehouse'],
          message: '退还客户的只能是客供料仓的库存，RM 不是客供料仓',
        },
      ]);
    });

    test('customer stock moves between CS warehouses only, keeping its owner', () => {
      const r = refs(
        anItem({ source: 'customerSupplied', customer: 'C1' }),
        csWarehouse,
        aWarehouse({ code: 'CS2', kind: 'customerSupplied' }),
        aWarehouse(),
        aWarehouse({ code: 'SUB', kind: 'subcontractor' }),
      );
      const move = (fromWarehouse: string, toWarehouse: string) =>
        planTransfer(aTransfer([{ fromWarehouse, toWarehouse }]), r);
      expect(valueOf(move('CS', 'CS2')).map((m) => m.customer)).toEqual(['C1', 'C1']);
      expect(issuesOf(move('CS', 'SUB'))).toEqual([
        {
          path: ['lines', 0, 'toWarehouse'],
          message: '客供料只能在客供料仓之间调拨，不能调入 SUB（发往生产请用领料）',
        },
      ]);
      expect(issuesOf(move('RM', 'CS'))).toEqual([
        { path: ['lines', 0, 'toWarehouse'], message: '自有库存不能调入客供料仓 CS' },
      ]);
    });

    test('moves without an owner in a CS warehouse (picks, backflush) take the item’s', () => {
      const m = { ...aMove({ warehouse: 'CS', qty: '-2' }) };
      const [change] = balanceChanges([m], cs());
      expect(change!.ref.customer).toBe('C1');
      expect(m.customer).toBe('C1');
    });

    test('refuses a unit cost: it is received at zero cost', () => {
      const req = aReceipt(
        [{ warehouse: 'CS', unitCost: { amount: 100, scale: 2, currency: 'CNY' } }],
        {
          reason: 'customerSupplied',
        },
      );
      expect(issuesOf(planReceipt(req, cs()))).toEqual([
        { path: ['lines', 0, 'unitCost'], message: '客供料按零成本入库，不能有单价' },
      ]);
    });

    test('accepts no unit cost or a zero unit cost', () => {
      const zero = { amount: 0, scale: 2, currency: 'CNY' as const };
      const req = aReceipt([{ warehouse: 'CS' }, { warehouse: 'CS', unitCost: zero }], {
        reason: 'customerSupplied',
      });
      expect(valueOf(planReceipt(req, cs()))).toHaveLength(2);
    });

    test('a unit cost into a normal warehouse is fine', () => {
      const req = aReceipt([{ unitCost: { amount: 100, scale: 2, currency: 'CNY' } }]);
      expect(planReceipt(req, defaultRefs()).ok).toBe(true);
    });
  });
});

describe('planIssue', () => {
  test('plans one decrement per line from available stock', () => {
    const moves = valueOf(
      planIssue(anIssue([{ qty: '4' }, { qty: '0.5', lot: 'L1' }]), defaultRefs()),
    );
    expect(moves).toEqual([
      {
        item: 'RM1',
        warehouse: 'RM',
        status: 'available',
        lot: '',
        trackingNo: '',
        lineNo: 1,
        qty: '-4',
      },
      {
        item: 'RM1',
        warehouse: 'RM',
        status: 'available',
        lot: 'L1',
        trackingNo: '',
        lineNo: 2,
        qty: '-0.5',
      },
    ]);
  });

  test('issues from the status named on the line (e.g. returning rejected stock)', () => {
    const [move] = valueOf(
      planIssue(anIssue([{ status: 'rejected' }], { reason: 'return' }), defaultRefs()),
    );
    expect(move).toMatchObject({ status: 'rejected', qty: '-4' });
  });

  test('refuses unknown and imprecise lines, reporting them all; a phantom’s stock may be issued', () => {
    const r = refs(anItem(), anItem({ code: 'PH', source: 'phantom' }), aWarehouse());
    const issues = issuesOf(
      planIssue(anIssue([{ item: 'PH' }, { item: 'XX' }, { warehouse: 'XX', qty: '0.0001' }]), r),
    );
    expect(paths(issues)).toEqual([
      ['lines', 1, 'item'],
      ['lines', 2, 'warehouse'],
      ['lines', 2, 'qty'],
    ]);
    expect(valueOf(planIssue(anIssue([{ item: 'PH' }]), r))).toMatchObject([
      { item: 'PH', qty: '-4' },
    ]);
  });
});

describe('planTransfer', () => {
  test('a line makes a decrement at the source and an increment at the destination, both with its line number', () => {
    const moves = valueOf(
      planTransfer(aTransfer([{ qty: '3' }, { qty: '1', lot: 'L1' }]), defaultRefs()),
    );
    expect(moves).toEqual([
      {
        item: 'RM1',
        warehouse: 'RM',
        status: 'available',
        lot: '',
        trackingNo: '',
        lineNo: 1,
        qty: '-3',
      },
      {
        item: 'RM1',
        warehouse: 'FG',
        status: 'available',
        lot: '',
        trackingNo: '',
        lineNo: 1,
        qty: '3',
      },
      {
        item: 'RM1',
        warehouse: 'RM',
        status: 'available',
        lot: 'L1',
        trackingNo: '',
        lineNo: 2,
        qty: '-1',
      },
      {
        item: 'RM1',
        warehouse: 'FG',
        status: 'available',
        lot: 'L1',
        trackingNo: '',
        lineNo: 2,
        qty: '1',
      },
    ]);
  });

  test('refuses a transfer to the same warehouse and status', () => {
    const same = aTransfer([
      { toWarehouse: 'RM' },
      { toWarehouse: 'RM', status: 'inspection', toStatus: 'inspection' },
    ]);
    expect(issuesOf(planTransfer(same, defaultRefs()))).toEqual([
      { path: ['lines', 0, 'toWarehouse'], message: '调入仓库和状态与调出相同，没有可移动的内容' },
      { path: ['lines', 1, 'toWarehouse'], message: '调入仓库和状态与调出相同，没有可移动的内容' },
    ]);
  });

  test('allows a status change in place (inspection -> available)', () => {
    const req = aTransfer([
      { toWarehouse: 'RM', status: 'inspection', toStatus: 'available', qty: '5' },
    ]);
    const moves = valueOf(planTransfer(req, defaultRefs()));
    expect(moves.map((m) => [m.warehouse, m.status, m.qty])).toEqual([
      ['RM', 'inspection', '-5'],
      ['RM', 'available', '5'],
    ]);
  });

  test('the destination keeps the source status unless told otherwise', () => {
    const moves = valueOf(planTransfer(aTransfer([{ status: 'inspection' }]), defaultRefs()));
    expect(moves.map((m) => m.status)).toEqual(['inspection', 'inspection']);
  });

  test('reports unknown source and destination warehouses at their own paths', () => {
    const issues = issuesOf(
      planTransfer(aTransfer([{ fromWarehouse: 'A1', toWarehouse: 'B1' }]), defaultRefs()),
    );
    expect(issues).toEqual([
      { path: ['lines', 0, 'fromWarehouse'], message: '仓库不存在：A1' },
      { path: ['lines', 0, 'toWarehouse'], message: '仓库不存在：B1' },
    ]);
  });

  test('checks the item and its precision', () => {
    const r = refs(anItem({ precision: 0 }), aWarehouse(), aWarehouse({ code: 'FG' }));
    expect(paths(issuesOf(planTransfer(aTransfer([{ qty: '0.5' }, { item: 'X' }]), r)))).toEqual([
      ['lines', 0, 'qty'],
      ['lines', 1, 'item'],
    ]);
  });
});

describe('planAdjustment', () => {
  const current = (entries: Record<string, string>) => new Map(Object.entries(entries));
  const rm1 = balanceId({
    item: 'RM1',
    warehouse: 'RM',
    status: 'available',
    lot: '',
    trackingNo: '',
  });

  test('posts counted − current', () => {
    const { moves } = valueOf(
      planAdjustment(anAdjustment([{ countedQty: '7' }]), defaultRefs(), current({ [rm1]: '10' })),
    );
    expect(moves).toEqual([
      {
        item: 'RM1',
        warehouse: 'RM',
        status: 'available',
        lot: '',
        trackingNo: '',
        lineNo: 1,
        qty: '-3',
      },
    ]);
  });

  test('a balance never seen counts from zero', () => {
    const { moves } = valueOf(
      planAdjustment(anAdjustment([{ countedQty: '2.5' }]), defaultRefs(), current({})),
    );
    expect(moves.map((m) => m.qty)).toEqual(['2.5']);
  });

  test('differences are exact decimals', () => {
    const { moves } = valueOf(
      planAdjustment(
        anAdjustment([{ countedQty: '0.3' }]),
        defaultRefs(),
        current({ [rm1]: '0.1' }),
      ),
    );
    expect(moves.map((m) => m.qty)).toEqual(['0.2']);
  });

  test('skips lines whose count equals the balance but still expects their balance', () => {
    const lot = balanceId({
      item: 'RM1',
      warehouse: 'RM',
      status: 'available',
      lot: 'L1',
      trackingNo: '',
    });
    const req = anAdjustment([{ countedQty: '10.000' }, { lot: 'L1', countedQty: '4' }]);
    const { moves, expected } = valueOf(
      planAdjustment(req, defaultRefs(), current({ [rm1]: '10', [lot]: '1' })),
    );
    expect(moves.map((m) => [m.lineNo, m.lot, m.qty])).toEqual([[2, 'L1', '3']]);
    expect(expected).toEqual(
      new Map([
        [rm1, '10'],
        [lot, '1'],
      ]),
    );
  });

  test('refuses the same balance counted twice (an omitted status means available)', () => {
    const req = anAdjustment([{ countedQty: '1' }, { status: 'available', countedQty: '2' }]);
    expect(issuesOf(planAdjustment(req, defaultRefs(), current({})))).toEqual([
      {
        path: ['lines', 1, 'item'],
        message: '同一库存（物料/仓库/状态/批号/跟踪号）在盘点单中出现了两次',
      },
    ]);
  });

  test('the same item in another lot, status or tracking number is a different balance', () => {
    const req = anAdjustment([{}, { lot: 'L1' }, { status: 'inspection' }, { trackingNo: 'SO-1' }]);
    const { moves } = valueOf(planAdjustment(req, defaultRefs(), current({})));
    expect(moves).toHaveLength(4);
  });

  test('checks the counted quantity against the precision at its path', () => {
    const issues = issuesOf(
      planAdjustment(anAdjustment([{ countedQty: '1.0001' }]), defaultRefs(), current({})),
    );
    expect(paths(issues)).toEqual([['lines', 0, 'countedQty']]);
  });

  test('reports unknown items and warehouses of every line', () => {
    const req = anAdjustment([{ item: 'X' }, { warehouse: 'Y', lot: 'L2' }]);
    expect(paths(issuesOf(planAdjustment(req, defaultRefs(), current({}))))).toEqual([
      ['lines', 0, 'item'],
      ['lines', 1, 'warehouse'],
    ]);
  });

  test('the expected balances ride on the balance changes', () => {
    const { moves, expected } = valueOf(
      planAdjustment(anAdjustment([{ countedQty: '4' }]), defaultRefs(), current({ [rm1]: '6' })),
    );
    const [change] = balanceChanges(moves, defaultRefs(), expected);
    expect(change).toMatchObject({ delta: '-2', expected: '6', guardNonNegative: true });
  });
});

describe('handTransferIssues', () => {
  test('moving stock keeps its status; changing it out of inspection or rejected is refused', () => {
    const lines = [
      { status: 'inspection' as const },
      { status: 'inspection' as const, toStatus: 'available' as const },
      { status: 'rejected' as const, toStatus: 'inspection' as const },
      { toStatus: 'inspection' as const },
    ];
    expect(handTransferIssues(aTransfer(lines)).map((i) => i.path)).toEqual([
      ['lines', 1, 'toStatus'],
      ['lines', 2, 'toStatus'],
    ]);
  });
});

import {
  type BalanceParts,
  type MasterKind,
  type OrderKind,
  HEALTH_TENANT,
  keys,
  OUTBOX_PENDING,
  TASK_DONE,
  TASK_OPEN,
} from './keys.js';

const bal = (overrides: Partial<BalanceParts> = {}): BalanceParts => ({
  item: 'RM1',
  warehouse: 'RM',
  status: 'available',
  lot: '',
  trackingNo: '',
  ...overrides,
});

/** Every key the module can build for one tenant, by name. */
function allKeys(tenant: string): Record<string, { pk?: string; gsi1pk?: string }> {
  const masters: MasterKind[] = ['item', 'unit', 'warehouse', 'partner'];
  const orders: OrderKind[] = ['purchaseOrder', 'taskOrder', 'outsourcingOrder', 'salesOrder'];
  return {
    ...Object.fromEntries(masters.map((k) => [`master:${k}`, keys.master(tenant, k, 'X1')])),
    ...Object.fromEntries(orders.map((k) => [`order:${k}`, keys.order(tenant, k, 'N1')])),
    masterPartition: { pk: keys.masterPartition(tenant, 'item') },
    balance: keys.balance(tenant, bal()),
    balancePartition: { pk: keys.balancePartition(tenant, 'RM1') },
    balanceByWarehouse: { gsi1pk: keys.balanceByWarehousePartition(tenant, 'RM') },
    movePartition: { pk: keys.movePartition(tenant, 'RM1') },
    move: keys.move(tenant, 'RM1', '2026-12-01T08:00:00.000Z', 'SR-1', 1),
    stockDocument: keys.stockDocument(tenant, 'SR-1'),
    stockDocumentIndex: keys.stockDocumentIndex(
      tenant,
      'receipt',
      '2026-12-01T08:00:00.000Z',
      'SR-1',
    ),
    sequence: keys.sequence(tenant, 'SR'),
    idempotency: keys.idempotency(tenant, 'k1'),
    importJob: keys.importJob(tenant, 'i1'),
    meta: keys.meta(tenant),
    calendar: keys.calendar(tenant),
    bomVersion: keys.bomVersion(tenant, 'FG1', 'V1'),
    forecast: keys.forecast(tenant, 'FG1', '2026-12-01'),
    wecomToken: keys.wecomToken(tenant, 1000002),
    wecomTokenLease: keys.wecomTokenLease(tenant, 1000002),
    wecomCallback: keys.wecomCallback(tenant, 'E#lisi#1646539330'),
    approval: keys.approval(tenant, '01J0', 'salesOrder', 'SO-1'),
    approvalsOfDocument: { gsi1pk: keys.approvalsOfDocument(tenant, 'ecn', 'ECN-1') },
    inboxPending: keys.inboxEntry(tenant, '01J0', 1, 'lisi', { pending: true, since: 'x' }),
    inboxDecided: keys.inboxEntry(tenant, '01J0', 1, 'lisi', { pending: false, decidedAt: 'y' }),
    approvalNotification: keys.approvalNotification(tenant, '01J0', 1),
    approvalRules: keys.approvalRules(tenant),
    outbox: keys.outbox(tenant, '01J0'),
    outboxList: keys.outboxListEntry(tenant, 'failed', '2026-12-01T08:00:00.000Z', '01J0'),
  };
}

describe('keys', () => {
  test('the tenant prefix is T#<tenant>#', () => {
    expect(keys.tenantPrefix('ww123')).toBe('T#ww123#');
  });

  test('every partition key and index partition key starts with T#<tenant>#', () => {
    const built = Object.entries(allKeys('ww123'));
    expect(built.length).toBeGreaterThanOrEqual(20);
    const partitions = built.flatMap(([name, k]) =>
      [k.pk, k.gsi1pk].filter(Boolean).map((p) => `${name} ${p}`),
    );
    expect(partitions.length).toBeGreaterThanOrEqual(built.length);
    expect(partitions.filter((p) => !p.split(' ')[1]!.startsWith('T#ww123#'))).toEqual([]);
  });

  test('one tenant’s prefix is never a prefix of another tenant’s keys', () => {
    const partitions = Object.values(allKeys('acme2')).flatMap(
      (k) => [k.pk, k.gsi1pk].filter(Boolean) as string[],
    );
    expect(partitions.filter((p) => p.startsWith(keys.tenantPrefix('acme')))).toEqual([]);
  });

  test("the health probe's key belongs to no tenant a WeCom corp id can name", () => {
    expect(keys.healthProbe()).toEqual({ pk: 'T#~health#PROBE', sk: '#' });
    expect(keys.healthProbe().pk.startsWith(keys.tenantPrefix(HEALTH_TENANT))).toBe(true);
    expect(/^[A-Za-z0-9]+$/.test(HEALTH_TENANT)).toBe(false);
  });

  test('the same record in two tenants has different keys', () => {
    expect(keys.master('a', 'item', 'RM1')).not.toEqual(keys.master('b', 'item', 'RM1'));
  });

  test('master data: one partition per kind, sorted by code', () => {
    expect(keys.master('t', 'item', 'RM1')).toEqual({ pk: 'T#t#ITEM', sk: 'RM1' });
    expect(keys.master('t', 'warehouse', 'RM1')).toEqual({ pk: 'T#t#WH', sk: 'RM1' });
    expect(keys.master('t', 'unit', 'kg').pk).toBe('T#t#UNIT');
    expect(keys.master('t', 'partner', 'S1').pk).toBe('T#t#PARTNER');
  });

  describe('balances', () => {
    test('partitioned by item, sorted by warehouse / status / lot / tracking number', () => {
      expect(keys.balance('t', bal({ lot: 'L1', trackingNo: 'SO-1' }))).toEqual({
        pk: 'T#t#BAL#RM1',
        sk: 'RM#available#L1#SO-1',
        gsi1pk: 'T#t#BALWH#RM',
        gsi1sk: 'RM1#available#L1#SO-1',
      });
    });

    test('the warehouse index is partitioned by warehouse, sorted by item', () => {
      const a = keys.balance('t', bal({ item: 'A1' }));
      const b = keys.balance('t', bal({ item: 'B1' }));
      expect(a.gsi1pk).toBe(b.gsi1pk);
      expect(a.gsi1pk).toBe(keys.balanceByWarehousePartition('t', 'RM'));
      expect(a.pk).not.toBe(b.pk);
      expect([b.gsi1sk, a.gsi1sk].sort()).toEqual([a.gsi1sk, b.gsi1sk]);
    });

    test('the item partition matches balancePartition', () => {
      expect(keys.balance('t', bal()).pk).toBe(keys.balancePartition('t', 'RM1'));
    });

    test('empty lot and tracking number still give distinct, well-formed keys', () => {
      expect(keys.balance('t', bal()).sk).toBe('RM#available##');
      const variants = [
        bal(),
        bal({ lot: 'L1' }),
        bal({ trackingNo: 'L1' }),
        bal({ status: 'inspection' }),
        bal({ warehouse: 'RM2' }),
      ];
      const sks = variants.map((b) => keys.balance('t', b).sk);
      expect(new Set(sks).size).toBe(variants.length);
    });

    test('a warehouse prefix with its separator does not match a longer warehouse code', () => {
      expect(keys.balance('t', bal({ warehouse: 'RM2' })).sk.startsWith('RM#')).toBe(false);
      expect(keys.balance('t', bal({ warehouse: 'RM' })).sk.startsWith('RM#')).toBe(true);
    });
  });

  describe('moves', () => {
    const T1 = '2026-12-01T08:00:00.000Z';
    const T2 = '2026-12-01T09:30:00.000Z';

    test('partitioned by item', () => {
      expect(keys.move('t', 'RM1', T1, 'SR-1', 1)).toEqual({
        pk: 'T#t#MOVE#RM1',
        sk: `${T1}#SR-1#00001`,
      });
      expect(keys.move('t', 'RM1', T1, 'SR-1', 1).pk).toBe(keys.movePartition('t', 'RM1'));
    });

    test('sort by posting time', () => {
      const later = keys.move('t', 'RM1', T2, 'AA-1', 1).sk;
      const earlier = keys.move('t', 'RM1', T1, 'ZZ-9', 99).sk;
      expect([later, earlier].sort()).toEqual([earlier, later]);
    });

    test('the two moves of a transfer line (different seq) have different keys', () => {
      const out = keys.move('t', 'RM1', T1, 'TR-1', 1);
      const into = keys.move('t', 'RM1', T1, 'TR-1', 2);
      expect(out.pk).toBe(into.pk);
      expect(out.sk).not.toBe(into.sk);
    });

    test('seq is zero-padded so moves of one document sort numerically', () => {
      const seqs = [10, 2, 100, 1, 9999];
      const sorted = seqs.map((s) => keys.move('t', 'RM1', T1, 'D', s).sk).sort();
      expect(sorted).toEqual(
        [1, 2, 10, 100, 9999].map((s) => keys.move('t', 'RM1', T1, 'D', s).sk),
      );
    });

    test('a reversal has its own key that sorts right after the move it reverses', () => {
      const original = keys.move('t', 'RM1', T1, 'SR-1', 3).sk;
      const reversal = keys.move('t', 'RM1', T1, 'SR-1', 3, true).sk;
      expect(reversal).toBe(`${original}#R`);
      expect([reversal, original].sort()).toEqual([original, reversal]);
    });
  });

  test('orders: one record per kind and number, listed per kind in the index', () => {
    expect(keys.order('t', 'purchaseOrder', '1001')).toEqual({
      pk: 'T#t#PO#1001',
      sk: '#',
      gsi1pk: 'T#t#POS',
      gsi1sk: '1001',
    });
    expect(keys.order('t', 'salesOrder', '1001').pk).toBe('T#t#SO#1001');
    expect(keys.order('t', 'taskOrder', '1001').gsi1pk).toBe('T#t#MOS');
    expect(keys.order('t', 'outsourcingOrder', '1001').gsi1pk).toBe('T#t#OOS');
  });

  test("an order's partition key names its tenant; no other key does", () => {
    for (const kind of ['purchaseOrder', 'taskOrder', 'outsourcingOrder', 'salesOrder'] as const) {
      const { pk } = keys.order('ww1', kind, 'SO-20261201-0001');
      expect(keys.tenantOfOrderPk(pk)).toBe('ww1');
      expect(keys.orderOfPk(pk)).toEqual({ pk, sk: '#' });
    }
    expect(keys.tenantOfOrderPk(keys.order('t', 'salesOrder', '').pk)).toBeUndefined();
    expect(keys.tenantOfOrderPk(keys.order('t', 'taskOrder', '1').gsi1pk)).toBeUndefined();
    expect(keys.tenantOfOrderPk(keys.mrpMark('t', 'FG').pk)).toBeUndefined();
    expect(keys.tenantOfOrderPk(keys.stockDocument('t', 'SR-1').pk)).toBeUndefined();
    expect(keys.tenantOfOrderPk(`${keys.masterPartition('t', 'warehouse')}#FG`)).toBeUndefined();
    expect(keys.mrpOrderMark('t', 'T#t#SO#1')).toEqual({ pk: 'T#t#MRPMARKO', sk: 'T#t#SO#1' });
  });

  test('documents, sequences, BOMs and forecasts', () => {
    expect(keys.stockDocument('t', 'SR-1')).toEqual({ pk: 'T#t#SDOC#SR-1', sk: '#' });
    expect(keys.stockDocumentIndex('t', 'issue', '2026-12-01T08:00:00.000Z', 'SI-1')).toEqual({
      gsi1pk: 'T#t#SDOCS#issue',
      gsi1sk: '2026-12-01T08:00:00.000Z#SI-1',
    });
    expect(keys.sequence('t', 'SR')).toEqual({ pk: 'T#t#SEQ', sk: 'SR' });
    expect(keys.bomVersion('t', 'FG1', 'V2')).toEqual({ pk: 'T#t#BOM#FG1', sk: 'V#V2' });
    expect(keys.forecast('t', 'FG1', '2026-12-01')).toEqual({ pk: 'T#t#FC', sk: 'FG1#2026-12-01' });
    expect(keys.idempotency('t', 'abc')).toEqual({ pk: 'T#t#IDEM#abc', sk: '#' });
  });

  test('outbox: one record per message, listed per tenant by state; due ones in the pending index', () => {
    expect(keys.outbox('t', '01J0')).toEqual({ pk: 'T#t#OUTBOX#01J0', sk: '#' });
    expect(keys.outboxListEntry('t', 'failed', '2026-12-01T08:00:00.000Z', '01J0')).toEqual({
      gsi1pk: 'T#t#OUTBOX',
      gsi1sk: 'failed#2026-12-01T08:00:00.000Z#01J0',
    });
    // The one cross-tenant partition: its sort key still names the tenant after the due time.
    expect(keys.outboxPending('t', '01J0', '2026-12-01T08:00:00.000Z')).toEqual({
      pendingPk: OUTBOX_PENDING,
      pendingSk: '2026-12-01T08:00:00.000Z#t#01J0',
    });
  });

  test('places task orders in the index by the domain state sets (received is done)', () => {
    for (const status of ['completed', 'received', 'closed', 'cancelled'])
      expect(keys.taskOrderIndexSk({ no: 'MO1', status })).toBe(`${TASK_DONE}MO1`);
    for (const status of ['open', 'planned', 'released', 'inProgress'])
      expect(keys.taskOrderIndexSk({ no: 'MO1', status }).startsWith(TASK_OPEN)).toBe(true);
  });
});

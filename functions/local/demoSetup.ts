import type { Session } from '@factory/shared';
import type { Deps } from '../src/deps.js';
import { putPool } from '../src/usecases/costing/setup.js';
import { createPriceListEntry } from '../src/usecases/purchasing/priceLists.js';
import { createDefect, putInspectionPlan } from '../src/usecases/quality/plans.js';

/**
 * What the demo factory needs beyond its factory file: a defect list and inspection plans for
 * a purchased switch (AQL-style table) and an outsourced guard (all of it), so receipts of them
 * open inspection orders under `npm start`; and the subcontractors' processing prices, so the
 * outsourced parts can be received (a receipt needs its price); and the expense pools costing
 * shares out (labour by hours, overhead by completed quantity, power by material).
 */
const DEFECTS = [
  { code: 'D-SCRATCH', name: '划伤', category: '外观' },
  { code: 'D-DENT', name: '磕碰变形', category: '外观' },
  { code: 'D-DIM', name: '尺寸超差', category: '尺寸' },
  { code: 'D-FUNC', name: '功能不良', category: '功能' },
  { code: 'D-PACK', name: '包装破损', category: '包装' },
];

const POOLS = [
  { code: 'labour', name: '直接人工', basis: 'hours' },
  { code: 'overhead', name: '制造费用', basis: 'quantity' },
  { code: 'power', name: '水电动力', basis: 'material' },
] as const;

export async function seedDemoSetup(deps: Deps, admin: Session): Promise<void> {
  for (const { code, ...pool } of POOLS) await putPool(deps, admin, code, pool);
  for (const d of DEFECTS) await createDefect(deps, admin, { ...d, active: true });
  await putInspectionPlan(deps, admin, 'PT-SW4', {
    receipts: ['purchase', 'customerReturn'],
    sampling: {
      rule: 'table',
      rows: [
        { fromLot: '0', sample: '5' },
        { fromLot: '51', sample: '13' },
        { fromLot: '501', sample: '50' },
      ],
    },
    defects: ['D-SCRATCH', 'D-FUNC', 'D-PACK'],
    note: '开关来料按抽样表检验',
  });
  await putInspectionPlan(deps, admin, 'OS-GUARD40', {
    receipts: ['outsourcing'],
    sampling: { rule: 'full' },
    defects: ['D-SCRATCH', 'D-DENT', 'D-DIM'],
  });
  for (const [supplier, item, unitPrice, minQty] of [
    ['W-XINGHUA', 'OS-TUBE40', '1.85', '0'],
    ['W-XINGHUA', 'OS-TUBE40', '1.6', '500'],
    ['W-LIMEI', 'OS-GUARD40', '3.2', '0'],
  ] as const) {
    await createPriceListEntry(
      deps,
      admin,
      { supplier, item, unitPrice, minQty, effectiveFrom: '2026-01-01' },
      {},
      'outsourcing',
    );
  }
}

import type { Session } from '@factory/shared';
import type { Deps } from '../src/deps.js';
import { createDefect, putInspectionPlan } from '../src/usecases/quality/plans.js';

/**
 * The demo factory's quality setup (the factory file has no place for it): a defect list and
 * inspection plans for a purchased switch (AQL-style table) and an outsourced guard (all of
 * it), so receipts of them open inspection orders under `npm start`.
 */
const DEFECTS = [
  { code: 'D-SCRATCH', name: '划伤', category: '外观' },
  { code: 'D-DENT', name: '磕碰变形', category: '外观' },
  { code: 'D-DIM', name: '尺寸超差', category: '尺寸' },
  { code: 'D-FUNC', name: '功能不良', category: '功能' },
  { code: 'D-PACK', name: '包装破损', category: '包装' },
];

export async function seedDemoQuality(deps: Deps, admin: Session): Promise<void> {
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
}

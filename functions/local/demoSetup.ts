import { type Session, zFormDefinitionInput } from '@factory/shared';
import type { Deps } from '../src/deps.js';
import { defaultApprovalRules } from '../src/domain/approval/index.js';
import { getApprovalRules, putApprovalRules } from '../src/usecases/approval/index.js';
import { putPool } from '../src/usecases/costing/setup.js';
import { putFormDefinition } from '../src/usecases/forms/forms.js';
import { createPriceListEntry } from '../src/usecases/purchasing/priceLists.js';
import { createDefect, putInspectionPlan } from '../src/usecases/quality/plans.js';

/**
 * What the demo factory needs beyond its factory file: a defect list and inspection plans for
 * a purchased switch (AQL-style table) and an outsourced guard (all of it), so receipts of them
 * open inspection orders under `npm start`; and the subcontractors' processing prices, so the
 * outsourced parts can be received (a receipt needs its price); and the expense pools costing
 * shares out (labour by hours, overhead by completed quantity, power by material); and three
 * forms with their approval rules (docs/forms.md): leave (the manager decides), purchase
 * request (the planner checks each, the manager also one above ¥10,000 estimated) and a
 * general request (the manager decides).
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

const FORMS = [
  {
    code: 'LEAVE',
    name: '请假',
    kind: 'leave',
    fields: [
      {
        key: 'type',
        label: '请假类型',
        type: 'select',
        required: true,
        options: ['年假', '病假', '事假'],
      },
      { key: 'from', label: '开始日期', type: 'date', required: true },
      { key: 'to', label: '结束日期', type: 'date', required: true },
      { key: 'days', label: '天数', type: 'number', required: true, min: 0.5, max: 365 },
      { key: 'reason', label: '事由', type: 'textarea', required: true, max: 500 },
    ],
  },
  {
    code: 'PURCHASE',
    name: '采购申请',
    kind: 'purchaseRequest',
    fields: [{ key: 'reason', label: '申请事由', type: 'textarea', required: false, max: 500 }],
  },
  {
    code: 'GENERAL',
    name: '通用申请',
    kind: 'general',
    fields: [
      { key: 'subject', label: '标题', type: 'text', required: true, max: 100 },
      { key: 'content', label: '内容', type: 'textarea', required: true },
      { key: 'amount', label: '金额', type: 'money', required: false },
    ],
    amountField: 'amount',
  },
] as const;

/** ¥10,000.00 in fen: a purchase request estimated above it also needs the manager. */
const PURCHASE_REQUEST_MANAGER_FEN = 1_000_000;

async function seedDemoForms(deps: Deps, admin: Session): Promise<void> {
  for (const { code, ...form } of FORMS) {
    await putFormDefinition(deps, admin, code, zFormDefinitionInput.parse(form));
  }
  const { version } = await getApprovalRules(deps, admin.tenant);
  await putApprovalRules(deps, admin, {
    expectedVersion: version,
    rules: {
      ...defaultApprovalRules(),
      forms: {
        LEAVE: { steps: [{ name: '经理审批', roles: ['manager'], users: [] }] },
        PURCHASE: {
          steps: [
            { name: '计划审核', roles: ['planner'], users: [] },
            {
              name: '经理审批',
              roles: ['manager'],
              users: [],
              amountAbove: PURCHASE_REQUEST_MANAGER_FEN,
            },
          ],
        },
        GENERAL: { steps: [{ name: '经理审批', roles: ['manager'], users: [] }] },
      },
    },
  });
}

export async function seedDemoSetup(deps: Deps, admin: Session): Promise<void> {
  await seedDemoForms(deps, admin);
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

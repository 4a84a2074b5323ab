// Test builders for approvals: rule steps, a started approval and actors, with defaults, so
// each test states only what it is about.
import type { Approval, ApprovalRuleStep, Role } from '@factory/shared';
import type { Actor, StartInput } from './machine.js';
import { startApproval } from './machine.js';

export const T0 = new Date('2026-11-25T02:00:00.000Z');
export const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

/** A manager step without a condition. */
export function aStep(overrides: Partial<ApprovalRuleStep> = {}): ApprovalRuleStep {
  return { name: '经理审批', roles: ['manager'], users: [], ...overrides };
}

export function anActor(user: string, ...roles: Role[]): Actor {
  return { user, roles };
}

/** A pending sales-order approval of one manager step, approver zhoujun. */
export function anApproval(overrides: Partial<StartInput> = {}): Approval {
  const steps = overrides.steps ?? [aStep()];
  return startApproval({
    id: '01APPROVAL',
    docType: 'salesOrder',
    docNo: 'SO-20261125-0001',
    title: '销售订单 SO-20261125-0001',
    fields: [{ key: '单号', value: 'SO-20261125-0001' }],
    amount: { amount: 6_000_000, scale: 2, currency: 'CNY' },
    submittedBy: 'zhangwei',
    steps,
    approvers: overrides.approvers ?? steps.map(() => ['zhoujun']),
    now: T0,
    ...overrides,
  });
}

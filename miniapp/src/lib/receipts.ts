import type { Role } from '@factory/shared';

/** Who may allow a receipt beyond what is due (the API's over-report roles). */
const ALLOWERS: readonly Role[] = ['supervisor', 'manager', 'admin'];

export type ReceiptAllowanceFlag = 'allowAboveReported' | 'allowOverReceipt';

/** What the 完工入库 page offers after a refusal that a supervisor may lift. */
export type ReceiptAllowance = {
  flag: ReceiptAllowanceFlag;
  /** True: this person may tick the allowance; false: the hint says who can. */
  mayAllow: boolean;
  label: string;
  hint: string;
};

const ALLOWANCES: Record<string, { flag: ReceiptAllowanceFlag; label: string; hint: string }> = {
  'receipt.aboveReported': {
    flag: 'allowAboveReported',
    label: '允许超出报工数量入库（班组长）',
    hint: '入库不能超过已报良品：请先报工，或请班组长（车间主任）在本页允许超出报工入库',
  },
  'receipt.overReceipt': {
    flag: 'allowOverReceipt',
    label: '允许超出计划数量入库（班组长）',
    hint: '入库不能超过生产任务单计划数量：请班组长（车间主任）在本页允许超量入库',
  },
};

/** The allowance path of a refused receipt (by the API's error code), if there is one. */
export function receiptAllowance(
  code: string,
  roles: readonly string[],
): ReceiptAllowance | undefined {
  const a = ALLOWANCES[code];
  if (!a) return undefined;
  return { ...a, mayAllow: roles.some((r) => (ALLOWERS as readonly string[]).includes(r)) };
}

import type { Approval, Item, Supplementary, TaskNeed } from '@factory/shared';
import type { PickerOption } from '../components/SearchPicker';
import { decisionLabel } from './status';

/**
 * 补料: items offered for a supplementary issue. The order's own components come first (those
 * matching what was typed, by code), marked 本单用料 with their warehouse; then any other
 * active item of the item master the search found.
 */
export function supplementaryItemOptions(
  needs: readonly Pick<TaskNeed, 'item' | 'warehouse'>[],
  q: string,
  found: readonly Pick<Item, 'code' | 'name' | 'active'>[],
  names: Readonly<Record<string, string>> = {},
): PickerOption[] {
  const text = q.trim().toUpperCase();
  const own: PickerOption[] = [];
  for (const n of needs) {
    if (own.some((o) => o.value === n.item)) continue;
    const name = names[n.item] ?? found.find((i) => i.code === n.item)?.name;
    const label = name ? `${n.item} ${name}` : n.item;
    if (text && !label.toUpperCase().includes(text)) continue;
    own.push({
      value: n.item,
      label,
      hint: `本单用料${n.warehouse ? ` · 仓库 ${n.warehouse}` : ''}`,
    });
  }
  const others = found
    .filter((i) => i.active && !own.some((o) => o.value === i.code))
    .filter((i) => !needs.some((n) => n.item === i.code))
    .map((i) => ({ value: i.code, label: `${i.code} ${i.name}` }));
  return [...own, ...others];
}

/** The warehouse an item is issued from by default: its first need's on this order, else none. */
export function defaultWarehouse(
  needs: readonly Pick<TaskNeed, 'item' | 'warehouse'>[],
  item: string,
): string {
  return needs.find((n) => n.item === item && n.warehouse)?.warehouse ?? '';
}

/** The API's field keys (body paths) -> the form's fields; one line per request. */
export const SUPPLEMENTARY_FIELDS: Record<string, 'item' | 'qty' | 'warehouse' | 'reason'> = {
  reason: 'reason',
  'lines.0.item': 'item',
  'lines.0.qty': 'qty',
  'lines.0.warehouse': 'warehouse',
  lines: 'item',
  'lines.0': 'item',
};

/** What the request's answer means to the clerk, in zh-CN. */
export function supplementaryStateText(
  rec: Pick<Supplementary, 'status' | 'stockDocument'>,
  approval?: Pick<Approval, 'status'>,
): string {
  if (rec.status === 'posted') {
    return `已批准，补料已过账${rec.stockDocument ? `（${rec.stockDocument}）` : ''}`;
  }
  if (rec.status === 'rejected' || approval?.status === 'rejected') return '审批已驳回，未领料';
  if (approval?.status === 'approved') return '已批准，补料已过账';
  if (approval?.status === 'cancelled') return '审批已撤销，未领料';
  return '已提交审批，等待审批';
}

/** The approval's current step and who may decide it: 补料审批（待审批：liuyang、zhoujun）. */
export function approvalStepText(
  approval: Pick<Approval, 'status' | 'currentStep' | 'steps'>,
): string {
  const step = approval.steps.find((s) => s.step === approval.currentStep);
  if (!step) return decisionLabel(approval.status);
  const who =
    approval.status === 'pending' ? step.approvers : step.decidedBy ? [step.decidedBy] : [];
  return `${step.name}：${decisionLabel(approval.status)}${who.length ? `（${who.join('、')}）` : ''}`;
}

/**
 * What the page refuses before sending: no item chosen, no reason (the reason is required;
 * the server refuses a blank one too). Quantities and warehouses are the server's to check
 * (precision, stock), its messages shown under the same fields.
 */
export function supplementaryBlankErrors(form: {
  item?: string;
  reason: string;
}): Partial<Record<'item' | 'reason', string>> {
  return {
    ...(form.item ? {} : { item: '请选择要补的物料' }),
    ...(form.reason.trim() ? {} : { reason: '请填写补料原因' }),
  };
}

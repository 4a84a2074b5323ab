import {
  type Defect,
  type FieldIssue,
  type InspectionOrder,
  type InspectionResult,
  type InspectionResultInput,
  type InspectionStatus,
  type QuantityString,
  addQty,
  cmpQty,
  fitsPrecision,
} from '@factory/shared';

export type Checked = { ok: true } | { ok: false; issues: FieldIssue[] };

/** What a result is checked against besides its order. */
export type ResultFacts = {
  /** The item's unit precision (decimals). */
  precision: number;
  /** The tenant's defect list by code. */
  defects: ReadonlyMap<string, Defect>;
  /** The plan's defect codes, when the plan restricts them (else every active code). */
  planDefects?: readonly string[];
  /** The plan's sample size for this lot (sampleSize), when the item has a plan. */
  requiredSample?: QuantityString;
};

const body = (...path: (string | number)[]) => ['body', ...path];

/**
 * Checks a result entered for an order: the order is still open (a line is inspected once;
 * a wrong result is reversed first), accepted + rejected equals the order's quantity, the
 * sample is within the lot and not below the plan's sample, every quantity fits the item's
 * precision, defect codes are the tenant's active codes the plan allows, a defect's quantity
 * is within the sample, and rejected quantity names at least one defect. Every problem is
 * reported with its path.
 */
export function checkResult(
  order: InspectionOrder,
  result: InspectionResultInput,
  facts: ResultFacts,
): Checked {
  const issues: FieldIssue[] = [];
  const fail = (path: (string | number)[], message: string) => issues.push({ path, message });
  if (order.status !== 'open') {
    fail(body(), `检验单 ${order.no} 已检验，不能重复检验；如结果有误，请先冲销原结果`);
    return { ok: false, issues };
  }
  const precisionMessage =
    facts.precision === 0
      ? `物料 ${order.item} 的数量必须是整数`
      : `物料 ${order.item} 的数量最多 ${facts.precision} 位小数`;
  for (const field of ['sampled', 'accepted', 'rejected'] as const) {
    if (!fitsPrecision(result[field], facts.precision)) fail(body(field), precisionMessage);
  }
  const total = addQty(result.accepted, result.rejected);
  if (cmpQty(total, order.qty) !== 0) {
    fail(
      body('accepted'),
      `合格数量 ${result.accepted} + 不合格数量 ${result.rejected} = ${total}，应等于检验数量 ${order.qty}`,
    );
  }
  if (cmpQty(result.sampled, order.qty) > 0) {
    fail(body('sampled'), `抽样数量 ${result.sampled} 不能超过检验数量 ${order.qty}`);
  } else if (facts.requiredSample && cmpQty(result.sampled, facts.requiredSample) < 0) {
    fail(body('sampled'), `按检验方案，抽样数量不少于 ${facts.requiredSample}`);
  }
  const allowed = facts.planDefects ? new Set(facts.planDefects) : undefined;
  result.defects.forEach((d, i) => {
    const known = facts.defects.get(d.code);
    if (!known) fail(body('defects', i, 'code'), `缺陷代码不存在：${d.code}`);
    else if (!known.active) fail(body('defects', i, 'code'), `缺陷代码已停用：${d.code}`);
    else if (allowed && !allowed.has(d.code)) {
      fail(body('defects', i, 'code'), `缺陷代码 ${d.code} 不在物料 ${order.item} 的检验方案中`);
    }
    if (!fitsPrecision(d.qty, facts.precision)) fail(body('defects', i, 'qty'), precisionMessage);
    else if (cmpQty(d.qty, result.sampled) > 0) {
      fail(body('defects', i, 'qty'), `缺陷数量 ${d.qty} 不能超过抽样数量 ${result.sampled}`);
    }
  });
  if (cmpQty(result.rejected, '0') > 0 && result.defects.length === 0) {
    fail(body('defects'), '有不合格数量时，请至少登记一项缺陷');
  }
  return issues.length ? { ok: false, issues } : { ok: true };
}

/**
 * The order's status once a result is posted: `inspected` while rejected quantity awaits its
 * dispositions, `disposed` straight away when nothing was rejected.
 */
export function statusAfterResult(result: { rejected: QuantityString }): InspectionStatus {
  return cmpQty(result.rejected, '0') > 0 ? 'inspected' : 'disposed';
}

/**
 * Checks a reversal of a posted result: it must be the order's result in force and not itself
 * a reversal, and no disposition may have been posted for it (dispositions moved stock out or
 * handed it to other documents; the handbook gives no way back, so a disposed result stands).
 * A result that accepted everything (disposed at once, with no disposition) may be reversed
 * while its stock is still available. After the reversal the order is open again.
 */
export function checkReversal(
  order: InspectionOrder & { dispositions?: readonly unknown[] },
  result: InspectionResult | undefined,
): Checked {
  const fail = (message: string): Checked => ({
    ok: false,
    issues: [{ path: body('reverses'), message }],
  });
  if (!result || result.order !== order.no) return fail(`检验单 ${order.no} 没有这条检验结果`);
  if (result.reverses) return fail('冲销记录不能再冲销');
  if (result.reversedBy) return fail(`检验结果已被 ${result.reversedBy} 冲销`);
  if (order.result !== result.id) return fail(`检验结果 ${result.id} 不是检验单的当前结果`);
  if (order.dispositions?.length) {
    return fail(`检验单 ${order.no} 已处置，不能再冲销检验结果`);
  }
  return { ok: true };
}

/** The reversing result: the reversed one's quantities, naming it; time and user passed in. */
export function reversingResult(
  reversed: InspectionResult,
  id: string,
  inspector: string,
  at: string,
  reason: string,
): InspectionResult {
  return {
    id,
    order: reversed.order,
    sampled: reversed.sampled,
    accepted: reversed.accepted,
    rejected: reversed.rejected,
    defects: reversed.defects,
    inspector,
    at,
    note: reason,
    reverses: reversed.id,
  };
}

import {
  type BatchAction,
  type BatchPreview,
  type BomLine,
  type BomLinePatch,
  type EcnLineRecord,
  type FieldIssue,
  type ItemSource,
  type LineChange,
  qty,
  roundUpToPrecision,
  toQtyString,
} from '@factory/shared';

export type ItemInfo = {
  code: string;
  source: ItemSource;
  active: boolean;
};

/**
 * Checks the lines of one BOM: components exist and are active, none is the parent, none
 * appears twice, substitutes exist and differ from their component and from the parent.
 */
export function checkLines(
  parent: string,
  lines: readonly BomLine[],
  items: ReadonlyMap<string, ItemInfo>,
  warehouses: ReadonlySet<string>,
  at: (string | number)[] = ['lines'],
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const fail = (path: (string | number)[], message: string) =>
    issues.push({ path: [...at, ...path], message });
  const seen = new Set<string>();
  lines.forEach((line, i) => {
    const item = items.get(line.component);
    if (!item) fail([i, 'component'], `物料不存在：${line.component}`);
    else if (!item.active) fail([i, 'component'], `物料已停用：${line.component}`);
    if (line.component === parent) fail([i, 'component'], `物料 ${parent} 不能是自己的子件`);
    if (seen.has(line.component)) fail([i, 'component'], `子件 ${line.component} 在同一清单中重复`);
    seen.add(line.component);
    if (line.warehouse !== undefined && !warehouses.has(line.warehouse)) {
      fail([i, 'warehouse'], `仓库不存在：${line.warehouse}`);
    }
    const priorities = new Set<number>();
    const substitutes = new Set<string>();
    line.substitutes.forEach((s, k) => {
      const path = [i, 'substitutes', k, 'item'];
      const sub = items.get(s.item);
      if (!sub) fail(path, `替代料不存在：${s.item}`);
      else if (!sub.active) fail(path, `替代料已停用：${s.item}`);
      if (substitutes.has(s.item)) fail(path, `替代料 ${s.item} 重复`);
      substitutes.add(s.item);
      if (s.item === line.component) fail(path, '替代料不能是子件本身');
      if (s.item === parent) fail(path, `物料 ${parent} 不能是自己的替代料`);
      if (priorities.has(s.priority))
        fail([i, 'substitutes', k, 'priority'], `替代优先级 ${s.priority} 重复`);
      priorities.add(s.priority);
    });
  });
  return issues;
}

/**
 * Applies an ECN's line changes to a version's lines, in order. Returns the new lines and the
 * before/after of every touched line, or the problems (a change naming a component the BOM
 * does not have, an add of one it already has).
 */
export function applyLineChanges(
  lines: readonly BomLine[],
  changes: readonly LineChange[],
  at: (string | number)[] = ['lines'],
): { lines: BomLine[]; records: EcnLineRecord[]; issues: FieldIssue[] } {
  const out = lines.map((l) => ({ ...l }));
  const records: EcnLineRecord[] = [];
  const issues: FieldIssue[] = [];
  const indexOf = (component: string) => out.findIndex((l) => l.component === component);
  changes.forEach((change, i) => {
    const fail = (field: string, message: string) =>
      issues.push({ path: [...at, i, field], message });
    if (change.op === 'add') {
      if (indexOf(change.line.component) >= 0)
        return fail('line', `子件 ${change.line.component} 已在清单中`);
      out.push({ ...change.line });
      records.push({
        component: change.line.component,
        op: 'add',
        before: null,
        after: { ...change.line },
      });
      return;
    }
    const idx = indexOf(change.component);
    if (idx < 0) return fail('component', `清单中没有子件 ${change.component}`);
    const before = out[idx]!;
    if (change.op === 'remove') {
      out.splice(idx, 1);
      records.push({ component: change.component, op: 'remove', before, after: null });
    } else if (change.op === 'change') {
      const after = patchLine(before, change.set);
      out[idx] = after;
      records.push({ component: change.component, op: 'change', before, after });
    } else {
      const into = change.with !== change.component ? indexOf(change.with) : -1;
      if (into >= 0 && change.merge) {
        const mergedWith = out[into]!;
        const after = mergeLines(before, change.factor, mergedWith);
        out[into] = after;
        out.splice(idx, 1);
        records.push({ component: change.component, op: 'merge', before, after, mergedWith });
        return;
      }
      if (into >= 0) {
        return fail('with', `子件 ${change.with} 已在清单中`);
      }
      const after = replaceLine(before, change.with, change.factor);
      out[idx] = after;
      records.push({ component: change.component, op: 'replace', before, after });
    }
  });
  return { lines: out, records, issues };
}

export function patchLine(line: BomLine, set: BomLinePatch): BomLine {
  const out: BomLine = { ...line };
  for (const [key, value] of Object.entries(set) as [keyof BomLinePatch, unknown][]) {
    if (value === undefined) continue;
    if (value === null) delete (out as Record<string, unknown>)[key];
    else (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

function replaceLine(line: BomLine, withItem: string, factor: string): BomLine {
  return {
    ...line,
    component: withItem,
    qtyPer: toQtyString(qty(line.qtyPer).times(factor)),
    // The old item's substitutes were chosen for it, not for its replacement.
    substitutes: line.substitutes.filter((s) => s.item !== withItem),
  };
}

/** Decimals a merged loss rate keeps (rounded up: a merge never plans less than before). */
const MERGED_LOSS_DECIMALS = 6;

/**
 * The line of `into` (the replacement, already in the BOM) after the line `replaced` is
 * replaced by it with `factor`: one line whose qtyPer is the sum (qB + qA × factor) and whose
 * loss rate is the two rates weighted by those quantities, so qtyPer × (1 + loss) is what the
 * two lines needed together; rounded up to 6 decimals when it does not come out exactly, and
 * never above the larger of the two rates. Everything else (issue method, warehouse,
 * substitutes, note) stays as the replacement's line has it; positions (位号) are joined when
 * both lines have one and they fit.
 */
export function mergeLines(replaced: BomLine, factor: string, into: BomLine): BomLine {
  const qa = qty(replaced.qtyPer).times(factor);
  const qb = qty(into.qtyPer);
  const total = qa.plus(qb);
  let loss = qa.times(replaced.lossRate).plus(qb.times(into.lossRate)).dividedBy(total);
  if (loss.decimalPlaces() > MERGED_LOSS_DECIMALS) {
    loss = qty(roundUpToPrecision(toQtyString(loss), MERGED_LOSS_DECIMALS));
    const most = qty(maxRate(replaced.lossRate, into.lossRate));
    if (loss.greaterThan(most)) loss = most;
  }
  const position =
    into.position && replaced.position && into.position !== replaced.position
      ? `${into.position},${replaced.position}`
      : (into.position ?? replaced.position);
  return {
    ...into,
    qtyPer: toQtyString(total),
    lossRate: toQtyString(loss),
    ...(position !== undefined && position.length <= 64 ? { position } : {}),
  };
}

const maxRate = (a: string, b: string) => (qty(a).greaterThan(b) ? a : b);

/** The line change a batch action makes to one BOM's line of the component. */
export function batchLineChange(component: string, action: BatchAction): LineChange {
  switch (action.kind) {
    case 'replace':
      // A BOM that already has the replacement gets the two lines merged, never skipped.
      return { op: 'replace', component, with: action.with, factor: action.factor, merge: true };
    case 'setQtyPer':
      return { op: 'change', component, set: { qtyPer: action.qtyPer } };
    case 'setLossRate':
      return { op: 'change', component, set: { lossRate: action.lossRate } };
    case 'remove':
      return { op: 'remove', component };
  }
}

export type BatchPreviewEntry = BatchPreview['entries'][number];

/**
 * What a batch action does to one selected BOM (its version's lines, undefined when they
 * could not be read): the line before and after, a merge with the replacement's own line
 * when the BOM already has it (with a zh-CN note of the rule), or the problem that keeps the
 * BOM from taking the change. Every selected BOM gets an entry: none is skipped.
 */
export function batchPreviewEntry(
  parent: string,
  version: string,
  lines: readonly BomLine[] | undefined,
  component: string,
  action: BatchAction,
): BatchPreviewEntry {
  const op: BatchPreviewEntry['op'] =
    action.kind === 'replace' ? 'replace' : action.kind === 'remove' ? 'remove' : 'change';
  const own = lines?.find((l) => l.component === component) ?? null;
  if (!lines) {
    return {
      parent,
      version,
      op,
      before: null,
      after: null,
      problem: `物料清单 ${parent} 版本 ${version} 的子件行读取失败`,
    };
  }
  const applied = applyLineChanges(lines, [batchLineChange(component, action)]);
  const record = applied.records[0];
  if (!record || applied.issues.length) {
    return {
      parent,
      version,
      op,
      before: own,
      after: null,
      problem:
        applied.issues.map((i) => i.message).join('；') ||
        `物料清单 ${parent} 版本 ${version} 中没有子件 ${component}`,
    };
  }
  if (record.op !== 'merge' || action.kind !== 'replace') {
    return { parent, version, op, before: record.before!, after: record.after };
  }
  const into = record.mergedWith!;
  const before = record.before!;
  const after = record.after!;
  const differs = [
    before.issueMethod !== into.issueMethod ? '发料方式' : '',
    (before.warehouse ?? '') !== (into.warehouse ?? '') ? '仓库' : '',
  ].filter(Boolean);
  return {
    parent,
    version,
    op: 'merge',
    before,
    after,
    mergedWith: into,
    note:
      `${action.with} 已在清单中，合并为一行：用量 ${into.qtyPer} + ${before.qtyPer} × ${action.factor} = ${after.qtyPer}，` +
      `损耗率按用量加权为 ${after.lossRate}；发料方式、仓库、替代料沿用原 ${action.with} 行` +
      (differs.length ? `（与原 ${component} 行的${differs.join('、')}不同，请确认）` : ''),
  };
}

import {
  type BatchAction,
  type BomLine,
  type BomLinePatch,
  type EcnLineRecord,
  type FieldIssue,
  type LineChange,
  qty,
  toQtyString,
} from '@factory/shared';

export type ItemInfo = {
  code: string;
  source: 'purchased' | 'manufactured' | 'outsourced' | 'phantom';
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
      if (change.with !== change.component && indexOf(change.with) >= 0) {
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

/** The line change a batch action makes to one BOM's line of the component. */
export function batchLineChange(component: string, action: BatchAction): LineChange {
  switch (action.kind) {
    case 'replace':
      return { op: 'replace', component, with: action.with, factor: action.factor };
    case 'setQtyPer':
      return { op: 'change', component, set: { qtyPer: action.qtyPer } };
    case 'setLossRate':
      return { op: 'change', component, set: { lossRate: action.lossRate } };
    case 'remove':
      return { op: 'remove', component };
  }
}

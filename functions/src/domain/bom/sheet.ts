import { type BomLineInput, type FieldIssue } from '@factory/shared';

/** Header names accepted for each line field (English and the zh-CN a factory's sheet uses). */
const HEADERS: Record<string, string[]> = {
  component: ['component', 'item', '子件', '子件编码', '物料编码', '物料'],
  qtyPer: ['qtyper', 'qty', '用量', '单位用量', '数量'],
  lossRate: ['lossrate', 'loss', '损耗率', '损耗'],
  issueMethod: ['issuemethod', '发料方式', '领料方式'],
  warehouse: ['warehouse', '仓库', '发料仓库'],
  position: ['position', '位号', '位置'],
  note: ['note', '备注'],
  substitutes: ['substitutes', '替代料'],
};

const ISSUE_METHODS: Record<string, 'manual' | 'backflush'> = {
  manual: 'manual',
  backflush: 'backflush',
  手工: 'manual',
  手工领料: 'manual',
  倒冲: 'backflush',
  倒冲领料: 'backflush',
};

export type SheetLine = { row: number; line: BomLineInput };

/**
 * BOM lines from a sheet's rows (first row the header). Returns the lines with the sheet row
 * each came from, and every problem of the sheet itself as ["rows", rowNumber, field].
 * Blank rows are skipped. Substitutes are written "ITEM:priority:ratio;ITEM2:2:1".
 */
export function linesFromRows(rows: readonly (readonly string[])[]): {
  lines: SheetLine[];
  issues: FieldIssue[];
} {
  const issues: FieldIssue[] = [];
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase().replace(/[\s_]/g, ''));
  const column = new Map<string, number>();
  for (const [field, names] of Object.entries(HEADERS)) {
    const idx = header.findIndex((h) => names.includes(h));
    if (idx >= 0) column.set(field, idx);
  }
  for (const required of ['component', 'qtyPer']) {
    if (!column.has(required))
      issues.push({
        path: ['rows', 1, required],
        message: `表头缺少列：${HEADERS[required]![0]}（${HEADERS[required]![2]}）`,
      });
  }
  if (issues.length) return { lines: [], issues };

  const lines: SheetLine[] = [];
  rows.slice(1).forEach((cells, i) => {
    const row = i + 2;
    const get = (field: string) => {
      const idx = column.get(field);
      return idx === undefined ? '' : (cells[idx] ?? '').trim();
    };
    if (Object.keys(HEADERS).every((f) => get(f) === '')) return;
    const line: BomLineInput = { component: get('component'), qtyPer: get('qtyPer') };
    if (get('lossRate')) line.lossRate = get('lossRate');
    if (get('issueMethod')) {
      const method = ISSUE_METHODS[get('issueMethod').toLowerCase()];
      if (method) line.issueMethod = method;
      else
        issues.push({
          path: ['rows', row, 'issueMethod'],
          message: `发料方式应为 手工/倒冲（manual/backflush）：${get('issueMethod')}`,
        });
    }
    if (get('warehouse')) line.warehouse = get('warehouse');
    if (get('position')) line.position = get('position');
    if (get('note')) line.note = get('note');
    if (get('substitutes')) {
      const subs = parseSubstitutes(get('substitutes'));
      if (subs) line.substitutes = subs;
      else
        issues.push({
          path: ['rows', row, 'substitutes'],
          message: '替代料格式应为 物料:优先级:比例，多个用分号分隔',
        });
    }
    lines.push({ row, line });
  });
  return { lines, issues };
}

function parseSubstitutes(text: string): BomLineInput['substitutes'] | undefined {
  const out: NonNullable<BomLineInput['substitutes']> = [];
  for (const part of text
    .split(/[;；]/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [item, priority, ratio] = part.split(/[:：]/).map((p) => p.trim());
    if (!item || !priority || !/^\d+$/.test(priority)) return undefined;
    out.push({ item, priority: Number(priority), ratio: ratio || '1' });
  }
  return out;
}

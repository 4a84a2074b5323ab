import {
  type BomLine,
  type BomLinesImport,
  type BomVersion,
  type ExplosionNode,
  type ExplosionQuery,
  type FieldIssue,
  type Session,
  AppError,
  invalidRequest,
  toFieldIssues,
  zBomLine,
} from '@factory/shared';
import { readRows, writeWorkbook } from '../../adapters/spreadsheet.js';
import type { Deps } from '../../deps.js';
import { checkLines, linesFromRows } from '../../domain/bom/index.js';
import { FileResult } from '../fileResult.js';
import { updateDraft } from './drafts.js';
import { explodeItem } from './explosion.js';
import type { CommitHooks } from '../hooks.js';
import { codesOf, loadBomRefs } from './load.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Replaces a draft's lines with those of a CSV or XLSX sheet. The whole sheet is checked
 * first; every bad row is reported at ["rows", <sheet row>, <column>] and nothing changes.
 */
export async function importLines(
  deps: Deps,
  s: Session,
  parent: string,
  version: string,
  input: BomLinesImport,
  hooks: CommitHooks<BomVersion> = {},
): Promise<BomVersion> {
  let rows: string[][];
  try {
    rows = await readRows(input.format, Buffer.from(input.content, 'base64'));
  } catch (err) {
    throw invalidRequest([
      {
        path: ['body', 'content'],
        message: `无法读取${input.format.toUpperCase()}文件：${(err as Error).message}`,
      },
    ]);
  }
  const sheet = linesFromRows(rows);
  const issues: FieldIssue[] = [...sheet.issues];
  const lines: BomLine[] = [];
  const rowOf: number[] = [];
  for (const { row, line } of sheet.lines) {
    const parsed = zBomLine.safeParse(line);
    if (!parsed.success) issues.push(...toFieldIssues(parsed.error, ['rows', row]));
    else {
      lines.push(parsed.data);
      rowOf.push(row);
    }
  }
  if (sheet.lines.length === 0 && issues.length === 0)
    issues.push({ path: ['rows'], message: '表格中没有物料清单行' });
  if (issues.length === 0) {
    const codes = codesOf(lines);
    const refs = await loadBomRefs(deps, s.tenant, codes.items, codes.warehouses);
    for (const issue of checkLines(parent, lines, refs.items, refs.warehouses, [])) {
      const [index, ...rest] = issue.path;
      issues.push({ ...issue, path: ['rows', rowOf[Number(index)]!, ...rest] });
    }
  }
  if (issues.length) {
    throw new AppError(
      'request.invalid',
      `表格有 ${issues.length} 处错误，未导入任何行`,
      { rows: sheet.lines.length },
      issues,
    );
  }
  return updateDraft(
    deps,
    s,
    parent,
    version,
    { expectedRevision: input.expectedRevision, lines },
    hooks,
  );
}

/** The explosion as a workbook: the tree (indented by level) and the summed list. */
export async function explosionWorkbook(
  deps: Deps,
  s: Session,
  item: string,
  q: ExplosionQuery,
): Promise<FileResult> {
  const explosion = await explodeItem(deps, s, item, q);
  const treeRows: (string | number | boolean)[][] = [];
  const walk = (node: ExplosionNode) => {
    treeRows.push([
      node.level,
      `${'  '.repeat(node.level)}${node.item}`,
      node.name ?? '',
      node.source,
      node.phantom ? '是' : '',
      node.qtyPer,
      node.lossRate,
      node.qty,
      node.version ?? '',
      node.path.join(' > '),
    ]);
    node.children.forEach(walk);
  };
  walk(explosion.tree);
  const data = await writeWorkbook([
    {
      name: 'BOM展开',
      columns: [
        { header: '层级', width: 6 },
        { header: '物料编码', width: 24 },
        { header: '名称', width: 24 },
        { header: '来源', width: 12 },
        { header: '虚拟件', width: 8 },
        { header: '单位用量' },
        { header: '损耗率' },
        { header: '需求数量' },
        { header: '版本', width: 8 },
        { header: '路径', width: 48 },
      ],
      rows: treeRows,
    },
    {
      name: '汇总',
      columns: [
        { header: '物料编码', width: 20 },
        { header: '名称', width: 24 },
        { header: '来源', width: 12 },
        { header: '虚拟件', width: 8 },
        { header: '需求数量' },
        { header: '所在层级' },
        { header: '末级', width: 8 },
      ],
      rows: explosion.flat.map((f) => [
        f.item,
        f.name ?? '',
        f.source,
        f.phantom ? '是' : '',
        f.qty,
        f.levels.join(','),
        f.leaf ? '是' : '',
      ]),
    },
  ]);
  return new FileResult(XLSX, `${item}-BOM展开-${explosion.date}.xlsx`, data);
}

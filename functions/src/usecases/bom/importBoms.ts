import type { BomLine, FactoryFile } from '@factory/shared';
import type { Deps } from '../../deps.js';
import { lowLevelCodes } from '../../domain/bom/index.js';
import { bomRepo, usageOf, type BomHead, type HeadEntry } from '../../store/bomRepo.js';
import type { TxItem } from '../../store/transact.js';
import { structureEntry } from './structure.js';

type FileBom = NonNullable<FactoryFile['boms']>[number];

/** A factory file's BOM line with the defaults a BOM line has. */
export function fileLine(l: FileBom['lines'][number]): BomLine {
  return {
    component: l.component,
    qtyPer: l.qtyPer,
    lossRate: l.lossRate ?? '0',
    issueMethod: l.issueMethod ?? 'manual',
    ...(l.warehouse ? { warehouse: l.warehouse } : {}),
    ...(l.position ? { position: l.position } : {}),
    ...(l.note ? { note: l.note } : {}),
    substitutes: l.substitutes ?? [],
  };
}

/**
 * The writes that bring a factory file's BOMs in as approved versions: heads, lines,
 * where-used entries, the structure index and low-level codes. All are creates, so an import
 * that fails part way can take them back. Without `indexes` the where-used entries and
 * low-level codes are left out: only BOM queries read them (planning works from the
 * structure index and computes its own low-level codes), so a throwaway planning store
 * (`cli plan`) does without them.
 */
export function bomImportWrites(
  deps: Pick<Deps, 'db' | 'tableName'>,
  tenant: string,
  file: FactoryFile,
  src: { importId: string; at: string; by: string },
  indexes = true,
): TxItem[] {
  const repo = bomRepo(deps, tenant);
  const byParent = new Map<string, FileBom[]>();
  for (const bom of file.boms ?? [])
    byParent.set(bom.parent, [...(byParent.get(bom.parent) ?? []), bom]);
  const writes: TxItem[] = [];
  const graph = new Map<string, string[]>();
  for (const [parent, boms] of byParent) {
    const lines = new Map(boms.map((b) => [b.version, b.lines.map(fileLine)]));
    const versions: HeadEntry[] = boms.map((b) => ({
      version: b.version,
      status: 'approved',
      ...(b.effectiveFrom ? { effectiveFrom: b.effectiveFrom } : {}),
      ...(b.effectiveTo ? { effectiveTo: b.effectiveTo } : {}),
      lineCount: b.lines.length,
      note: `导入 ${src.importId}`,
      createdAt: src.at,
      createdBy: src.by,
      updatedAt: src.at,
      updatedBy: src.by,
      approvedAt: src.at,
      approvedBy: src.by,
    }));
    const head: BomHead = { parent, revision: 1, versions };
    writes.push(repo.putHead(head, undefined));
    for (const [version, l] of lines) {
      writes.push(...repo.putLines({ parent, version, lines: l }, true));
      if (indexes) for (const u of usageOf(parent, version, l)) writes.push(repo.putUsage(u));
    }
    const entry = structureEntry(head, (v) => lines.get(v));
    writes.push(repo.putStructure(entry));
    graph.set(parent, entry.approved);
  }
  if (indexes)
    for (const [item, llc] of lowLevelCodes(graph)) writes.push(repo.putLowLevelCode(item, llc));
  return writes;
}

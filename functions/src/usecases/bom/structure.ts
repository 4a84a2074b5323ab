import type { BomLine } from '@factory/shared';
import type { Deps } from '../../deps.js';
import { cycleError, cycleThrough, lowLevelCodes } from '../../domain/bom/index.js';
import { bomRepo, type BomHead, type StructureEntry } from '../../store/bomRepo.js';
import { chunk } from '../../store/transact.js';
import { codesOf } from './load.js';

/**
 * The product structure with some parents' edges replaced by what a change would make them,
 * refused with `bom.cycle` (naming the loop, A > B > C > A) if that closes a loop.
 */
export function assertNoCycles(
  structure: ReadonlyMap<string, StructureEntry>,
  proposed: ReadonlyMap<string, readonly string[]>,
): void {
  const graph = new Map<string, readonly string[]>();
  for (const [parent, entry] of structure) graph.set(parent, entry.all);
  for (const [parent, components] of proposed)
    graph.set(parent, [...new Set([...(graph.get(parent) ?? []), ...components])]);
  for (const [parent, components] of proposed) {
    const loop = cycleThrough(graph, parent, components);
    if (loop) throw cycleError(loop);
  }
}

/** Components and substitutes of a set of lines: the edges they put into the structure. */
export function edgesOf(lines: readonly BomLine[]): string[] {
  return [...codesOf(lines).items];
}

/**
 * A parent's structure entry from its versions: `approved` unites the approved versions'
 * components (low-level codes), `all` adds the drafts (cycle checks). Obsolete ones drop out.
 */
export function structureEntry(
  head: BomHead,
  linesOf: (version: string) => readonly BomLine[] | undefined,
): StructureEntry {
  const approved = new Set<string>();
  const all = new Set<string>();
  for (const v of head.versions) {
    if (v.status === 'obsolete') continue;
    for (const code of edgesOf(linesOf(v.version) ?? [])) {
      all.add(code);
      if (v.status === 'approved') approved.add(code);
    }
  }
  return { parent: head.parent, approved: [...approved].sort(), all: [...all].sort() };
}

/**
 * Recomputes every low-level code from the approved structure and stores the ones that
 * changed. Derived data: written after the change it follows, in transactions of 100.
 */
export async function refreshLowLevelCodes(
  deps: Deps,
  tenant: string,
): Promise<Map<string, number>> {
  const repo = bomRepo(deps, tenant);
  const [structure, stored] = await Promise.all([repo.getStructure(), repo.getLowLevelCodes()]);
  const graph = new Map<string, readonly string[]>([...structure].map(([p, e]) => [p, e.approved]));
  const codes = lowLevelCodes(graph);
  const writes = [];
  for (const [item, llc] of codes)
    if (stored.get(item) !== llc) writes.push(repo.putLowLevelCode(item, llc));
  for (const item of stored.keys())
    if (!codes.has(item)) writes.push(repo.remove(repo.keys.lowLevelCode(item)));
  for (const part of chunk(writes, 100)) await deps.unitOfWork.commit(part);
  return codes;
}

/** Every item's low-level code as last computed (they are recomputed after every approval). */
export async function getLowLevelCodes(
  deps: Deps,
  tenant: string,
): Promise<Record<string, number>> {
  return Object.fromEntries(await bomRepo(deps, tenant).getLowLevelCodes());
}

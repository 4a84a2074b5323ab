import {
  AppError,
  type BomLine,
  type Explosion,
  type ExplosionQuery,
  type Session,
  type WhereUsed,
  type WhereUsedEntry,
  type WhereUsedQuery,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import { effectiveVersion, explode, byCode } from '../../domain/bom/index.js';
import { bomRepo } from '../../store/bomRepo.js';
import { shanghaiDate } from '../time.js';
import { loadBomRefs, type BomItem } from './load.js';
import { usersOf } from './structureCache.js';

/** The BOM tree under an item as it stands on a date: heads and lines, level by level. */
export type LoadedTree = {
  items: Map<string, BomItem>;
  boms: Map<string, { version: string; lines: BomLine[] }>;
};

/**
 * Loads what an explosion of `root` needs in a few batch reads per level (never one row at a
 * time): the heads of the level's parents, then the effective versions' lines.
 */
export async function loadTree(
  deps: Deps,
  tenant: string,
  root: string,
  date: string,
  rootVersion?: string,
): Promise<LoadedTree> {
  const repo = bomRepo(deps, tenant);
  const boms = new Map<string, { version: string; lines: BomLine[] }>();
  const seen = new Set<string>([root]);
  let frontier = [root];
  while (frontier.length) {
    const heads = await repo.getHeads(frontier);
    const wanted: { parent: string; version: string }[] = [];
    for (const parent of frontier) {
      const head = heads.get(parent);
      if (!head) continue;
      const version =
        parent === root && rootVersion !== undefined
          ? head.versions.find((v) => v.version === rootVersion)
          : effectiveVersion(head.versions, date);
      if (version) wanted.push({ parent, version: version.version });
    }
    const lines = await repo.getManyLines(wanted);
    const next: string[] = [];
    for (const w of wanted) {
      const found = lines.get(`${w.parent}@${w.version}`);
      if (!found) continue;
      boms.set(w.parent, { version: w.version, lines: found.lines });
      for (const line of found.lines) {
        if (!seen.has(line.component)) {
          seen.add(line.component);
          next.push(line.component);
        }
      }
    }
    frontier = next;
  }
  const { items } = await loadBomRefs(deps, tenant, seen);
  return { items, boms };
}

export async function explodeItem(
  deps: Deps,
  s: Session,
  item: string,
  q: ExplosionQuery,
): Promise<Explosion> {
  const date = q.date ?? shanghaiDate(deps.clock.now());
  const tree = await loadTree(deps, s.tenant, item, date, q.version);
  if (!tree.items.has(item))
    throw new AppError('resource.notFound', `物料不存在：${item}`, { entity: 'item', id: item });
  if (!tree.boms.has(item)) {
    throw new AppError(
      'bom.notEffective',
      q.version
        ? `物料 ${item} 没有版本 ${q.version} 的物料清单`
        : `物料 ${item} 在 ${date} 没有生效的物料清单`,
      { item, date, ...(q.version ? { version: q.version } : {}) },
    );
  }
  const result = explode(item, q.qty, {
    item: (code) => tree.items.get(code),
    bom: (parent) => tree.boms.get(parent),
  });
  return { item, qty: q.qty, date, ...result };
}

/**
 * Where a component is used: the BOMs whose version effective on the date lists it, and with
 * `levels=all` their users in turn, up to the top items. Each parent is listed once, at the
 * lowest level it is reached, with the path that reached it. Reads are batched: one query and
 * two batch reads for a single level; for all levels the structure index finds the candidate
 * users in one query, and batch reads confirm which effective versions really use them.
 */
export async function whereUsed(
  deps: Deps,
  s: Session,
  component: string,
  q: WhereUsedQuery,
): Promise<WhereUsed> {
  const date = q.date ?? shanghaiDate(deps.clock.now());
  const repo = bomRepo(deps, s.tenant);
  const entries =
    q.levels === 'single'
      ? await singleLevel(repo, component, date)
      : await allLevels(repo, component, date);
  entries.sort((a, b) => a.level - b.level || byCode(a.parent, b.parent));
  return { component, date, entries };
}

type Repo = ReturnType<typeof bomRepo>;

async function singleLevel(repo: Repo, component: string, date: string): Promise<WhereUsedEntry[]> {
  const usages = await repo.getUsage(component);
  const heads = await repo.getHeads(usages.map((u) => u.parent));
  const current = usages.filter((u) => {
    const head = heads.get(u.parent);
    return head !== undefined && effectiveVersion(head.versions, date)?.version === u.version;
  });
  // A parent nothing uses has low-level code 0 (in any approved version).
  const llc = await repo.getLowLevelCodesOf(current.map((u) => u.parent));
  return current.map((u) => ({
    parent: u.parent,
    version: u.version,
    level: 1,
    qtyPer: u.qtyPer,
    asSubstitute: u.asSubstitute,
    path: [component, u.parent],
    top: (llc.get(u.parent) ?? 0) === 0,
  }));
}

async function allLevels(repo: Repo, component: string, date: string): Promise<WhereUsedEntry[]> {
  // Candidates: every ancestor in the approved structure, found in memory.
  const users = await usersOf(repo.deps, repo.tenant);
  const candidates: { component: string; parent: string }[] = [];
  const seen = new Set([component]);
  for (let i = 0, queue = [component]; i < queue.length; i++) {
    for (const parent of users.get(queue[i]!) ?? []) {
      candidates.push({ component: queue[i]!, parent });
      if (seen.has(parent)) continue;
      seen.add(parent);
      queue.push(parent);
    }
  }
  // Confirmed: the parent's version effective on the date has the where-used entry.
  const heads = await repo.getHeads(candidates.map((c) => c.parent));
  const wanted = candidates.flatMap((c) => {
    const version = effectiveVersion(heads.get(c.parent)?.versions ?? [], date)?.version;
    return version ? [{ ...c, version }] : [];
  });
  const confirmed = await repo.getUsageEntries(wanted);
  const edges = new Map<string, typeof confirmed>();
  for (const u of confirmed) edges.set(u.component, [...(edges.get(u.component) ?? []), u]);

  const entries: WhereUsedEntry[] = [];
  const reached = new Map<string, string[]>([[component, [component]]]);
  let frontier = [component];
  for (let level = 1; frontier.length; level++) {
    const next: string[] = [];
    for (const child of frontier) {
      for (const u of (edges.get(child) ?? []).sort((a, b) => byCode(a.parent, b.parent))) {
        if (reached.has(u.parent)) continue;
        const path = [...reached.get(child)!, u.parent];
        reached.set(u.parent, path);
        entries.push({
          parent: u.parent,
          version: u.version,
          level,
          qtyPer: u.qtyPer,
          asSubstitute: u.asSubstitute,
          path,
          top: !edges.has(u.parent),
        });
        next.push(u.parent);
      }
    }
    frontier = next;
  }
  return entries;
}

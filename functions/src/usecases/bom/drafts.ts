import {
  AppError,
  type BomDraftCreate,
  type BomDraftUpdate,
  type BomHistory,
  type BomLine,
  type BomVersion,
  type Session,
  invalidRequest,
  notFound,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import { checkLines } from '../../domain/bom/index.js';
import { bomRepo, type BomHead, type HeadEntry } from '../../store/bomRepo.js';
import { type TxItem } from '../../store/transact.js';
import { completing, type CommitHooks } from '../hooks.js';
import { codesOf, loadBomRefs } from './load.js';
import { assertNoCycles, edgesOf, structureEntry } from './structure.js';

const BOM_SOURCES = new Set(['manufactured', 'outsourced', 'phantom']);

/** A new draft version of a parent's BOM: given lines, or a copy of another version's. */
export async function createDraft(
  deps: Deps,
  s: Session,
  parent: string,
  input: BomDraftCreate,
  hooks: CommitHooks<BomVersion> = {},
): Promise<BomVersion> {
  const repo = bomRepo(deps, s.tenant);
  const head = await repo.getHead(parent);
  if (head?.versions.some((v) => v.version === input.version)) {
    throw new AppError('resource.exists', `物料清单 ${parent} 的版本 ${input.version} 已存在`, {
      entity: 'bomVersion',
      id: `${parent}/${input.version}`,
    });
  }
  let lines: BomLine[];
  if (input.copyFrom !== undefined) {
    const source = await repo.getLines(parent, input.copyFrom);
    if (!source) throw notFound('bomVersion', `${parent}/${input.copyFrom}`);
    lines = source.lines;
  } else {
    lines = input.lines!;
  }
  await checkDraft(deps, s.tenant, parent, lines);

  const now = deps.clock.now().toISOString();
  const entry: HeadEntry = {
    version: input.version,
    status: 'draft',
    lineCount: lines.length,
    createdAt: now,
    createdBy: s.user,
    updatedAt: now,
    updatedBy: s.user,
    ...(input.note ? { note: input.note } : {}),
  };
  const next: BomHead = {
    parent,
    revision: (head?.revision ?? 0) + 1,
    versions: [entry, ...(head?.versions ?? [])],
  };
  const created = toVersion(next, entry, lines);
  await writeDraft(
    deps,
    s.tenant,
    head,
    next,
    { parent, version: input.version, lines },
    true,
    completing(hooks, created, []),
  );
  return created;
}

/** Drafts change freely (with the revision the editor read); approved versions only by ECN. */
export async function updateDraft(
  deps: Deps,
  s: Session,
  parent: string,
  version: string,
  input: BomDraftUpdate,
  hooks: CommitHooks<BomVersion> = {},
): Promise<BomVersion> {
  const repo = bomRepo(deps, s.tenant);
  const head = await repo.getHead(parent);
  const entry = head?.versions.find((v) => v.version === version);
  if (!head || !entry) throw notFound('bomVersion', `${parent}/${version}`);
  if (entry.status !== 'draft') {
    throw new AppError(
      'bom.notDraft',
      `版本 ${version} 已${entry.status === 'approved' ? '批准' : '作废'}，只能通过工程变更单（ECN）修改`,
      {
        parent,
        version,
        status: entry.status,
      },
    );
  }
  if (head.revision !== input.expectedRevision) {
    throw new AppError(
      'resource.versionConflict',
      `物料清单 ${parent} 已被他人修改，请刷新后重试`,
      {
        entity: 'bom',
        id: parent,
        expectedRevision: input.expectedRevision,
      },
    );
  }
  const current = await repo.getLines(parent, version);
  const lines = input.lines ?? current?.lines ?? [];
  if (input.lines) await checkDraft(deps, s.tenant, parent, lines);
  const now = deps.clock.now().toISOString();
  const updated: HeadEntry = {
    ...entry,
    lineCount: lines.length,
    updatedAt: now,
    updatedBy: s.user,
  };
  if (input.note === null) delete updated.note;
  else if (input.note !== undefined) updated.note = input.note;
  const next: BomHead = {
    ...head,
    revision: head.revision + 1,
    versions: head.versions.map((v) => (v.version === version ? updated : v)),
  };
  const result = toVersion(next, updated, lines);
  await writeDraft(
    deps,
    s.tenant,
    head,
    next,
    { parent, version, lines },
    false,
    completing(hooks, result, []),
  );
  return result;
}

export async function deleteDraft(
  deps: Deps,
  s: Session,
  parent: string,
  version: string,
  expectedRevision: number,
  hooks: CommitHooks<{ parent: string; version: string; deleted: true }> = {},
) {
  const repo = bomRepo(deps, s.tenant);
  const head = await repo.getHead(parent);
  const entry = head?.versions.find((v) => v.version === version);
  if (!head || !entry) throw notFound('bomVersion', `${parent}/${version}`);
  if (entry.status !== 'draft')
    throw new AppError('bom.notDraft', `只能删除草稿版本：${version}`, { parent, version });
  if (head.revision !== expectedRevision) {
    throw new AppError(
      'resource.versionConflict',
      `物料清单 ${parent} 已被他人修改，请刷新后重试`,
      { entity: 'bom', id: parent },
    );
  }
  const next: BomHead = {
    ...head,
    revision: head.revision + 1,
    versions: head.versions.filter((v) => v.version !== version),
  };
  const linesByVersion = await linesOfHead(deps, s.tenant, next);
  const result = { parent, version, deleted: true as const };
  await deps.unitOfWork.commit(
    completing(hooks, result, [
      repo.putHead(next, head.revision),
      ...(await repo.removeLines(parent, version)),
      repo.putStructure(structureEntry(next, (v) => linesByVersion.get(v))),
      repo.bumpStructure(),
    ]),
  );
  return result;
}

async function checkDraft(
  deps: Deps,
  tenant: string,
  parent: string,
  lines: BomLine[],
): Promise<void> {
  const codes = codesOf(lines);
  const refs = await loadBomRefs(deps, tenant, [parent, ...codes.items], codes.warehouses);
  const parentItem = refs.items.get(parent);
  const issues = checkLines(parent, lines, refs.items, refs.warehouses, ['body', 'lines']);
  if (!parentItem) throw notFound('item', parent);
  if (!BOM_SOURCES.has(parentItem.source)) {
    issues.unshift({ path: ['params', 'item'], message: `外购件 ${parent} 不应有物料清单` });
  }
  if (issues.length) throw invalidRequest(issues);
  const structure = await bomRepo(deps, tenant).getStructure();
  assertNoCycles(structure, new Map([[parent, edgesOf(lines)]]));
}

async function writeDraft(
  deps: Deps,
  tenant: string,
  before: BomHead | undefined,
  next: BomHead,
  lines: { parent: string; version: string; lines: BomLine[] },
  isNew: boolean,
  extra: TxItem[],
): Promise<void> {
  const repo = bomRepo(deps, tenant);
  const linesByVersion = await linesOfHead(deps, tenant, next, lines);
  await deps.unitOfWork.commit([
    repo.putHead(next, before?.revision),
    ...repo.putLines(lines, isNew),
    repo.putStructure(structureEntry(next, (v) => linesByVersion.get(v))),
    repo.bumpStructure(),
    ...extra,
  ]);
}

/** Lines of every live version of a head, with one version's lines taken as given. */
export async function linesOfHead(
  deps: Deps,
  tenant: string,
  head: BomHead,
  given?: { version: string; lines: BomLine[] },
): Promise<Map<string, BomLine[]>> {
  const wanted = head.versions
    .filter((v) => v.status !== 'obsolete' && v.version !== given?.version)
    .map((v) => ({ parent: head.parent, version: v.version }));
  const loaded = await bomRepo(deps, tenant).getManyLines(wanted);
  const out = new Map([...loaded.values()].map((l) => [l.version, l.lines]));
  if (given) out.set(given.version, given.lines);
  return out;
}

export async function getHistory(deps: Deps, s: Session, parent: string): Promise<BomHistory> {
  const head = await bomRepo(deps, s.tenant).getHead(parent);
  if (!head) throw notFound('bom', parent);
  return {
    parent,
    versions: [...head.versions]
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .map((v) => ({ ...v, parent, revision: head.revision })),
  };
}

export async function getVersion(
  deps: Deps,
  s: Session,
  parent: string,
  version: string,
): Promise<BomVersion> {
  const repo = bomRepo(deps, s.tenant);
  const [head, lines] = await Promise.all([repo.getHead(parent), repo.getLines(parent, version)]);
  const entry = head?.versions.find((v) => v.version === version);
  if (!head || !entry || !lines) throw notFound('bomVersion', `${parent}/${version}`);
  return toVersion(head, entry, lines.lines);
}

export function toVersion(head: BomHead, entry: HeadEntry, lines: BomLine[]): BomVersion {
  const { lineCount: _count, ...rest } = entry;
  return { parent: head.parent, ...rest, lines, revision: head.revision };
}

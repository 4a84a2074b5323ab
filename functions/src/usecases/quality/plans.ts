import {
  type DefectCreate,
  alreadyExists,
  type DefectListQuery,
  type DefectRecord,
  type DefectUpdate,
  type FieldIssue,
  type InspectionPlanDeleted,
  type InspectionPlanListQuery,
  type InspectionPlanPut,
  type InspectionPlanRecord,
  type Item,
  type Page,
  type Session,
  fitsPrecision,
  invalidRequest,
  notFound,
  versionConflict,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import { getMasterRecords } from '../../store/masterDataRepo.js';
import { qualityRepo, type StoredInspectionPlan } from '../../store/qualityRepo.js';
import { completing, type CommitHooks } from '../hooks.js';

/**
 * The tenant's defect list and the inspection plans per item (issue 13, deliverable 1). Rules
 * chosen: a plan's item must exist (an inactive item may keep or get a plan: its receipts still
 * arrive); the defect codes a plan names must be in the defect list and active, checked again
 * at commit (a concurrent deactivation fails the write); a fixed count or table row must fit
 * the item's precision (sampleSize rounds a percentage up to it when a receipt is inspected).
 */

// ---- defects ------------------------------------------------------------------------------

export async function createDefect(
  deps: Deps,
  s: Session,
  input: DefectCreate,
  hooks: CommitHooks<DefectRecord> = {},
): Promise<DefectRecord> {
  const record: DefectRecord = {
    code: input.code,
    name: input.name,
    category: input.category,
    active: input.active,
    version: 1,
    updatedAt: deps.clock.now().toISOString(),
    updatedBy: s.user,
  };
  await deps.unitOfWork.commit(
    completing(hooks, record, [qualityRepo(deps, s.tenant).createDefect(record)]),
  );
  return record;
}

export function listDefects(
  deps: Deps,
  s: Session,
  q: DefectListQuery,
): Promise<Page<DefectRecord>> {
  return qualityRepo(deps, s.tenant).listDefects({
    ...(q.category !== undefined ? { category: q.category } : {}),
    ...(q.active !== undefined ? { active: q.active === 'true' } : {}),
    limit: q.limit,
    ...(q.cursor !== undefined ? { cursor: q.cursor } : {}),
  });
}

export async function getDefect(deps: Deps, s: Session, code: string): Promise<DefectRecord> {
  const found = await qualityRepo(deps, s.tenant).getDefect(code);
  if (!found) throw notFound('defect', code);
  return found;
}

export async function updateDefect(
  deps: Deps,
  s: Session,
  code: string,
  input: DefectUpdate,
  hooks: CommitHooks<DefectRecord> = {},
): Promise<DefectRecord> {
  const repo = qualityRepo(deps, s.tenant);
  const current = await repo.getDefect(code);
  if (!current) throw notFound('defect', code);
  if (current.version !== input.expectedVersion) {
    throw versionConflict('defect', code, input.expectedVersion);
  }
  const record: DefectRecord = {
    ...current,
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.category !== undefined ? { category: input.category } : {}),
    ...(input.active !== undefined ? { active: input.active } : {}),
    version: current.version + 1,
    updatedAt: deps.clock.now().toISOString(),
    updatedBy: s.user,
  };
  await deps.unitOfWork.commit(
    completing(hooks, record, [repo.replaceDefect(record, current.version)]),
  );
  return record;
}

// ---- inspection plans -----------------------------------------------------------------------

const named = (p: StoredInspectionPlan, item: Item | undefined): InspectionPlanRecord => ({
  ...p,
  ...(item ? { itemName: item.name, unit: item.unit } : {}),
});

async function itemsOf(deps: Deps, tenant: string, codes: readonly string[]) {
  if (!codes.length) return new Map<string, Item>();
  return ((await getMasterRecords(deps, tenant, { item: [...new Set(codes)] })).item ??
    new Map()) as Map<string, Item>;
}

/** The sample quantities a rule names must fit the item's unit. */
function samplingIssues(input: InspectionPlanPut, item: Item): FieldIssue[] {
  const rule = input.sampling;
  const at = ['body', 'sampling'];
  const issues: FieldIssue[] = [];
  const fits = (value: string, path: (string | number)[]) => {
    if (!fitsPrecision(value, item.precision)) {
      issues.push({
        path: [...at, ...path],
        message: `数量 ${value} 超出物料 ${item.code} 的精度（${item.precision} 位小数）`,
      });
    }
  };
  if (rule.rule === 'fixed') fits(rule.count, ['count']);
  if (rule.rule === 'table') {
    rule.rows.forEach((r, i) => {
      fits(r.fromLot, ['rows', i, 'fromLot']);
      fits(r.sample, ['rows', i, 'sample']);
    });
  }
  return issues;
}

export async function putInspectionPlan(
  deps: Deps,
  s: Session,
  itemCode: string,
  input: InspectionPlanPut,
  hooks: CommitHooks<InspectionPlanRecord> = {},
): Promise<InspectionPlanRecord> {
  const repo = qualityRepo(deps, s.tenant);
  const codes = input.defects ?? [];
  const [items, defects, current] = await Promise.all([
    itemsOf(deps, s.tenant, [itemCode]),
    repo.getDefects(codes),
    repo.getPlan(itemCode),
  ]);
  const item = items.get(itemCode);
  const issues: FieldIssue[] = [];
  if (!item) issues.push({ path: ['params', 'item'], message: `物料不存在：${itemCode}` });
  codes.forEach((code, i) => {
    const d = defects.get(code);
    if (!d) issues.push({ path: ['body', 'defects', i], message: `缺陷代码不存在：${code}` });
    else if (!d.active) {
      issues.push({ path: ['body', 'defects', i], message: `缺陷代码 ${code} 已停用` });
    }
  });
  if (item) issues.push(...samplingIssues(input, item));
  if (issues.length || !item) throw invalidRequest(issues);

  if (input.expectedVersion === undefined && current) {
    throw alreadyExists('inspectionPlan', itemCode);
  }
  if (input.expectedVersion !== undefined && current?.version !== input.expectedVersion) {
    if (!current) throw notFound('inspectionPlan', itemCode);
    throw versionConflict('inspectionPlan', itemCode, input.expectedVersion);
  }
  const record: StoredInspectionPlan = {
    item: itemCode,
    receipts: input.receipts,
    sampling: input.sampling,
    ...(input.defects !== undefined ? { defects: input.defects } : {}),
    ...(input.note ? { note: input.note } : {}),
    version: (current?.version ?? 0) + 1,
    updatedAt: deps.clock.now().toISOString(),
    updatedBy: s.user,
  };
  const answer = named(record, item);
  await deps.unitOfWork.commit(
    completing(hooks, answer, [
      repo.putPlan(record, input.expectedVersion),
      ...[...defects.values()].map((d) => repo.defectUnchanged(d)),
    ]),
  );
  return answer;
}

export async function listInspectionPlans(
  deps: Deps,
  s: Session,
  q: InspectionPlanListQuery,
): Promise<Page<InspectionPlanRecord>> {
  const page = await qualityRepo(deps, s.tenant).listPlans(q);
  const items = await itemsOf(
    deps,
    s.tenant,
    page.items.map((p) => p.item),
  );
  return { items: page.items.map((p) => named(p, items.get(p.item))), nextCursor: page.nextCursor };
}

export async function getInspectionPlan(
  deps: Deps,
  s: Session,
  itemCode: string,
): Promise<InspectionPlanRecord> {
  const found = await qualityRepo(deps, s.tenant).getPlan(itemCode);
  if (!found) throw notFound('inspectionPlan', itemCode);
  const items = await itemsOf(deps, s.tenant, [itemCode]);
  return named(found, items.get(itemCode));
}

export async function deleteInspectionPlan(
  deps: Deps,
  s: Session,
  itemCode: string,
  expectedVersion: number,
  hooks: CommitHooks<InspectionPlanDeleted> = {},
): Promise<InspectionPlanDeleted> {
  const repo = qualityRepo(deps, s.tenant);
  const current = await repo.getPlan(itemCode);
  if (!current) throw notFound('inspectionPlan', itemCode);
  if (current.version !== expectedVersion) {
    throw versionConflict('inspectionPlan', itemCode, expectedVersion);
  }
  const answer = { item: itemCode, deleted: true as const };
  await deps.unitOfWork.commit(
    completing(hooks, answer, [repo.deletePlan(itemCode, expectedVersion)]),
  );
  return answer;
}

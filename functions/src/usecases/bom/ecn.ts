import { randomUUID } from 'node:crypto';
import {
  AppError,
  type Approval,
  type BomLine,
  type Ecn,
  type EcnChange,
  type EcnCreate,
  type EcnRecord,
  type FieldIssue,
  type Page,
  type Session,
  invalidRequest,
  notFound,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import {
  applyLineChanges,
  checkLines,
  effectiveVersion,
  nextVersionName,
  supersede,
} from '../../domain/bom/index.js';
import { bomRepo, usageOf, type BomHead, type HeadEntry } from '../../store/bomRepo.js';
import { ecnRepo } from '../../store/ecnRepo.js';
import { type Reversible } from '../../store/reversible.js';
import { nextDocumentNumber } from '../../store/sequenceRepo.js';
import { alreadyDecided } from '../../domain/approval/index.js';
import { prepareApproval, stepsFor } from '../approval/submitting.js';
import type { ApprovalDocumentHandler, DocumentOutcome } from '../approval/documents.js';
import { decideStep, type DecisionResult } from '../approval/index.js';
import { completing, mapHooks, type CommitHooks } from '../hooks.js';
import { shanghaiDate } from '../time.js';
import { linesOfHead } from './drafts.js';
import { codesOf, loadBomRefs } from './load.js';
import { assertNoCycles, edgesOf, refreshLowLevelCodes, structureEntry } from './structure.js';

/** What an ECN would do, prepared against the BOMs as they are now. */
type Prepared = {
  records: EcnRecord[];
  heads: Map<string, BomHead>;
  newLines: Map<string, BomLine[]>;
};

/**
 * Checks an ECN's changes against the current BOMs and works out every line's before and
 * after. Problems are reported with their paths (["body","changes",i,...]); a change that
 * would close a loop is refused with `bom.cycle`.
 */
async function prepare(
  deps: Deps,
  tenant: string,
  changes: readonly EcnChange[],
  date: string,
): Promise<Prepared> {
  const repo = bomRepo(deps, tenant);
  const heads = await repo.getHeads(changes.map((c) => c.parent));
  const issues: FieldIssue[] = [];
  const fail = (path: (string | number)[], message: string) =>
    issues.push({ path: ['body', 'changes', ...path], message });
  const parents = new Set<string>();
  const wanted: { parent: string; version: string }[] = [];
  const plans: { change: EcnChange; head: BomHead; base?: HeadEntry; index: number }[] = [];

  changes.forEach((change, i) => {
    if (parents.has(change.parent))
      return fail([i, 'parent'], `同一工程变更单中 ${change.parent} 只能有一项变更`);
    parents.add(change.parent);
    const head = heads.get(change.parent);
    if (!head) return fail([i, 'parent'], `物料 ${change.parent} 没有物料清单`);
    if (change.kind === 'release') {
      const draft = head.versions.find((v) => v.version === change.version);
      if (!draft)
        return fail([i, 'version'], `物料清单 ${change.parent} 没有版本 ${change.version}`);
      if (draft.status !== 'draft')
        return fail([i, 'version'], `版本 ${change.version} 不是草稿，不能发布`);
      wanted.push({ parent: change.parent, version: change.version });
      plans.push({ change, head, base: draft, index: i });
      return;
    }
    const base = change.baseVersion
      ? head.versions.find((v) => v.version === change.baseVersion)
      : effectiveVersion(head.versions, date);
    if (!base)
      return fail(
        [i, 'baseVersion'],
        `物料清单 ${change.parent} 在 ${date} 没有可作为基础的已批准版本`,
      );
    if (base.status !== 'approved')
      return fail([i, 'baseVersion'], `基础版本 ${base.version} 未批准`);
    if (change.newVersion && head.versions.some((v) => v.version === change.newVersion)) {
      return fail([i, 'newVersion'], `版本 ${change.newVersion} 已存在`);
    }
    wanted.push({ parent: change.parent, version: base.version });
    plans.push({ change, head, base, index: i });
  });
  if (issues.length) throw invalidRequest(issues);

  const stored = await repo.getManyLines(wanted);
  const records: EcnRecord[] = [];
  const newLines = new Map<string, BomLine[]>();
  for (const { change, head, base, index } of plans) {
    const baseLines = stored.get(`${change.parent}@${base!.version}`)?.lines ?? [];
    if (change.kind === 'release') {
      newLines.set(change.parent, baseLines);
      records.push({
        parent: change.parent,
        kind: 'release',
        baseVersion: null,
        baseRevision: head.revision,
        newVersion: change.version,
        lines: baseLines.map((l) => ({
          component: l.component,
          op: 'add',
          before: null,
          after: l,
        })),
      });
      continue;
    }
    const applied = applyLineChanges(baseLines, change.lines, [index, 'lines']);
    issues.push(...applied.issues.map((i) => ({ ...i, path: ['body', 'changes', ...i.path] })));
    newLines.set(change.parent, applied.lines);
    records.push({
      parent: change.parent,
      kind: 'revise',
      baseVersion: base!.version,
      baseRevision: head.revision,
      newVersion: change.newVersion ?? nextVersionName(head.versions.map((v) => v.version)),
      lines: applied.records,
    });
  }
  if (issues.length) throw invalidRequest(issues);

  const allLines = [...newLines.values()].flat();
  const codes = codesOf(allLines);
  const refs = await loadBomRefs(deps, tenant, codes.items, codes.warehouses);
  plans.forEach(({ change, index }) => {
    const found = checkLines(
      change.parent,
      newLines.get(change.parent)!,
      refs.items,
      refs.warehouses,
      ['body', 'changes', index, 'lines'],
    );
    issues.push(...found);
  });
  if (issues.length) throw invalidRequest(issues);
  assertNoCycles(
    await repo.getStructure(),
    new Map([...newLines].map(([p, lines]) => [p, edgesOf(lines)])),
  );
  return { records, heads, newLines };
}

function today(deps: Deps): string {
  return shanghaiDate(deps.clock.now());
}

function checkEffectiveDate(deps: Deps, date: string | undefined): void {
  if (date !== undefined && date < today(deps)) {
    throw invalidRequest([{ path: ['body', 'effectiveDate'], message: '生效日期不能早于今天' }]);
  }
}

export async function createEcn(
  deps: Deps,
  s: Session,
  input: EcnCreate,
  hooks: CommitHooks<Ecn> = {},
): Promise<Ecn> {
  checkEffectiveDate(deps, input.effectiveDate);
  const prepared = await prepare(deps, s.tenant, input.changes, input.effectiveDate ?? today(deps));
  const now = deps.clock.now();
  const ecn: Ecn = {
    no: await nextDocumentNumber(deps, s.tenant, 'ECN', shanghaiDate(now)),
    status: 'draft',
    reason: input.reason,
    ...(input.effectiveDate ? { effectiveDate: input.effectiveDate } : {}),
    changes: input.changes,
    records: prepared.records,
    affected: [],
    revision: 1,
    createdAt: now.toISOString(),
    createdBy: s.user,
  };
  await deps.unitOfWork.commit(
    completing(hooks, ecn, [ecnRepo(deps, s.tenant).put(ecn, undefined)]),
  );
  return ecn;
}

async function load(deps: Deps, tenant: string, no: string) {
  const ecn = await ecnRepo(deps, tenant).get(no);
  if (!ecn) throw notFound('ecn', no);
  return ecn;
}

function expectStatus(ecn: Ecn, ...allowed: Ecn['status'][]): void {
  if (!allowed.includes(ecn.status)) {
    throw new AppError(
      'ecn.invalidState',
      `工程变更单 ${ecn.no} 当前状态为 ${ecn.status}，不能执行此操作`,
      {
        no: ecn.no,
        status: ecn.status,
        allowed,
      },
    );
  }
}

/** Submits for approval: prepared again against today's BOMs, with the orders it affects. */
export async function submitEcn(
  deps: Deps,
  s: Session,
  no: string,
  hooks: CommitHooks<Ecn> = {},
): Promise<Ecn> {
  const ecn = await load(deps, s.tenant, no);
  expectStatus(ecn, 'draft');
  checkEffectiveDate(deps, ecn.effectiveDate);
  const prepared = await prepare(deps, s.tenant, ecn.changes, ecn.effectiveDate ?? today(deps));
  const affected = await ecnRepo(deps, s.tenant).openTaskOrdersOf(
    new Set(prepared.records.map((r) => r.parent)),
  );
  const submitted: Ecn = {
    ...ecn,
    status: 'submitted',
    records: prepared.records,
    affected,
    revision: ecn.revision + 1,
    submittedAt: deps.clock.now().toISOString(),
    submittedBy: s.user,
  };
  // The approval engine decides who approves; the approval is created with the submission.
  const subject = {
    docType: 'ecn' as const,
    docNo: no,
    fields: [
      { key: '单号', value: no },
      { key: '原因', value: ecn.reason.slice(0, 30) },
      {
        key: '变更物料',
        value: prepared.records
          .map((r) => r.parent)
          .join('、')
          .slice(0, 30),
      },
      ...(ecn.effectiveDate ? [{ key: '生效日期', value: ecn.effectiveDate }] : []),
      { key: '受影响生产任务单', value: String(affected.length) },
    ],
  };
  const steps = await stepsFor(deps, s.tenant, subject);
  if (steps.length === 0) {
    // The tenant's rules require no approval for ECNs: the submission approves it.
    await ecnRepo(deps, s.tenant).save(submitted, ecn.revision);
    return decideEcn(deps, s, no, { approve: true }, hooks);
  }
  const { approval, items } = await prepareApproval(deps, s, subject, steps);
  const withApproval: Ecn = { ...submitted, approvalId: approval.id };
  await deps.unitOfWork.commit(
    completing(hooks, withApproval, [
      ecnRepo(deps, s.tenant).put(withApproval, ecn.revision),
      ...items,
    ]),
  );
  return withApproval;
}

/**
 * The ecns.approve / ecns.reject routes: an ECN waiting for its approval is decided through
 * the approval engine (which checks the approver and runs the ECN approval on the last step);
 * anything else (an ECN submitted before approvals existed, or in a state that cannot be
 * decided) goes straight to `decideEcn`, which approves it or says why not.
 */
export async function decideEcnRequest(
  deps: Deps,
  s: Session,
  no: string,
  decision: { approve: boolean; comment?: string },
  hooks: CommitHooks<Ecn> = {},
): Promise<Ecn> {
  const ecn = await load(deps, s.tenant, no);
  const open = ecn.status === 'submitted' || ecn.status === 'applying';
  if (ecn.approvalId && open) {
    const { attempt: _attempt, ...before } = ecn;
    // The decision's transaction records the ECN as the decision left it (unchanged when
    // a step of several was approved).
    await decideStep(
      deps,
      s,
      ecn.approvalId,
      { ...decision, via: 'miniapp' },
      mapHooks(hooks, (r: DecisionResult) => (r.document as Ecn | undefined) ?? before),
    );
    return getEcn(deps, s, no);
  }
  // Without an approval the engine's duties still hold: not by its submitter, and a
  // rejection says why (a closed ECN is refused by decideEcn for its state).
  if (open && ecn.submittedBy === s.user) {
    throw new AppError('approval.ownDocument', '不能审批自己提交的单据', { no });
  }
  if (open && !decision.approve && !decision.comment?.trim()) {
    throw new AppError('approval.reasonRequired', '驳回需要填写原因', { no }, [
      { path: ['body', 'comment'], message: '请填写驳回原因' },
    ]);
  }
  return decideEcn(deps, s, no, decision, hooks);
}

/**
 * The approval engine's handler for ECNs: on the last decision the ECN is approved (applied to
 * the BOMs, several transactions under the ECN's own claim) or rejected, before the approval
 * records the decision. If another decision got there first, this one changes nothing.
 */
export async function finishEcnApproval(
  deps: Deps,
  s: Session,
  approval: Approval,
  outcome: 'approved' | 'rejected',
): Promise<DocumentOutcome> {
  const last = approval.history[approval.history.length - 1];
  try {
    const ecn = await decideEcn(deps, s, approval.docNo, {
      approve: outcome === 'approved',
      ...(last?.comment ? { comment: last.comment } : {}),
    });
    return { items: [], document: ecn };
  } catch (err) {
    if (
      err instanceof AppError &&
      (err.code === 'ecn.invalidState' || err.code === 'resource.versionConflict')
    )
      throw alreadyDecided(approval);
    throw err;
  }
}

/**
 * ECNs in the approval engine (their BOM changes run in transactions of their own);
 * registered at the composition root.
 */
export const ecnApproval: ApprovalDocumentHandler = {
  type: 'ecn',
  separateWork: true,
  finish: finishEcnApproval,
};

/**
 * The approval step, kept as one seam: today an engineer or manager calls it from the API;
 * the WeCom approval engine will call it when the approver taps 同意 / 驳回.
 */
export async function decideEcn(
  deps: Deps,
  s: Session,
  no: string,
  decision: { approve: boolean; comment?: string },
  hooks: CommitHooks<Ecn> = {},
): Promise<Ecn> {
  const repo = ecnRepo(deps, s.tenant);
  let ecn = await load(deps, s.tenant, no);
  if (ecn.status === 'applying' && ecn.attempt) {
    // An earlier approval stopped part way: take back what it applied, then decide again.
    await deps.unitOfWork.rollBack(s.tenant, `${no}#${ecn.attempt}`);
    const { attempt: _attempt, ...rest } = ecn;
    ecn = { ...rest, status: 'submitted', revision: ecn.revision + 1 };
    await repo.save(ecn, ecn.revision - 1);
  }
  expectStatus(ecn, 'submitted');
  const decided = {
    decidedAt: deps.clock.now().toISOString(),
    decidedBy: s.user,
    ...(decision.comment ? { comment: decision.comment } : {}),
  };
  if (!decision.approve) {
    const rejected: Ecn = { ...ecn, ...decided, status: 'rejected', revision: ecn.revision + 1 };
    await deps.unitOfWork.commit(completing(hooks, rejected, [repo.put(rejected, ecn.revision)]));
    return rejected;
  }
  return approve(deps, s, ecn, decided, hooks);
}

/**
 * Applies an ECN to its BOMs: several transactions under the ECN's own claim (`applying`),
 * the last of which approves the ECN and records `hooks.onComplete`. An approval interrupted
 * part way is rolled back and applied again by the next decision.
 */
async function approve(
  deps: Deps,
  s: Session,
  ecn: Ecn,
  decided: Pick<Ecn, 'decidedAt' | 'decidedBy' | 'comment'>,
  hooks: CommitHooks<Ecn>,
) {
  const repo = ecnRepo(deps, s.tenant);
  const boms = bomRepo(deps, s.tenant);
  const date =
    ecn.effectiveDate && ecn.effectiveDate > today(deps) ? ecn.effectiveDate : today(deps);
  const prepared = await prepare(deps, s.tenant, ecn.changes, date);
  for (const record of ecn.records) {
    const head = prepared.heads.get(record.parent);
    if (head?.revision !== record.baseRevision) {
      throw new AppError(
        'ecn.baseChanged',
        `物料清单 ${record.parent} 在提交后已被修改，请重新提交工程变更单`,
        {
          parent: record.parent,
          submittedRevision: record.baseRevision,
          currentRevision: head?.revision ?? null,
        },
      );
    }
  }

  // Claim the ECN for this attempt, so two approvals cannot both apply it.
  const attempt = randomUUID();
  const applying = { ...ecn, status: 'applying' as const, attempt, revision: ecn.revision + 1 };
  await repo.save(applying, ecn.revision);

  const approved: Ecn = {
    ...ecn,
    ...decided,
    status: 'approved',
    effectiveDate: date,
    records: prepared.records,
    revision: ecn.revision + 2,
  };
  const groups: Reversible[][] = [];
  const structure = await boms.getStructure();
  for (const record of prepared.records) {
    const head = prepared.heads.get(record.parent)!;
    const lines = prepared.newLines.get(record.parent)!;
    const now = decided.decidedAt!;
    const entry: HeadEntry = {
      version: record.newVersion,
      status: 'approved',
      effectiveFrom: date,
      lineCount: lines.length,
      ecn: ecn.no,
      createdAt:
        record.kind === 'release'
          ? head.versions.find((v) => v.version === record.newVersion)!.createdAt
          : now,
      createdBy:
        record.kind === 'release'
          ? head.versions.find((v) => v.version === record.newVersion)!.createdBy
          : s.user,
      updatedAt: now,
      updatedBy: s.user,
      approvedAt: now,
      approvedBy: s.user,
    };
    const transitions = new Map(
      supersede(head.versions, record.newVersion, date).map((t) => [t.version, t]),
    );
    const versions = [
      ...(record.kind === 'revise' ? [entry] : []),
      ...head.versions.map((v) => {
        if (v.version === record.newVersion) return entry;
        const t = transitions.get(v.version);
        return t
          ? {
              ...v,
              ...(t.effectiveTo ? { effectiveTo: t.effectiveTo } : {}),
              ...(t.status ? { status: t.status } : {}),
            }
          : v;
      }),
    ];
    const next: BomHead = { parent: record.parent, revision: head.revision + 1, versions };
    const linesByVersion = await linesOfHead(deps, s.tenant, next, {
      version: record.newVersion,
      lines,
    });
    const oldStructure = structure.get(record.parent);
    const group: Reversible[] = [
      {
        apply: boms.putHead(next, head.revision),
        undo: boms.restoreHead(head),
      },
      {
        apply: boms.putStructure(structureEntry(next, (v) => linesByVersion.get(v))),
        undo: oldStructure
          ? boms.putStructure(oldStructure)
          : boms.remove(boms.keys.structure(record.parent)),
      },
    ];
    if (record.kind === 'revise') {
      // A large version's line pages ride in the same group, each undone by its delete.
      for (const apply of boms.putLines(
        { parent: record.parent, version: record.newVersion, lines },
        true,
      )) {
        const { pk, sk } = apply.Put!.Item! as { pk: string; sk: string };
        group.push({ apply, undo: boms.remove({ pk, sk }) });
      }
    }
    const usage = usageOf(record.parent, record.newVersion, lines).map((u) => ({
      apply: boms.putUsage(u),
      undo: boms.remove(boms.keys.usage(u)),
    }));
    for (let i = 0; i < usage.length; i += 90) groups.push(usage.slice(i, i + 90));
    groups.push(group);
  }
  const { attempt: _a, ...finalEcn } = { ...approved, attempt: undefined };
  try {
    await deps.unitOfWork.apply(s.tenant, `${ecn.no}#${attempt}`, groups, {
      last: completing(hooks, finalEcn, [repo.put(finalEcn, applying.revision)]),
      everyChunk: [boms.bumpStructure()],
    });
  } catch (err) {
    // Everything applied was taken back; the ECN goes back to waiting for a decision.
    await repo
      .save({ ...ecn, revision: ecn.revision + 2 }, applying.revision)
      .catch(() => undefined);
    throw err;
  }
  await refreshLowLevelCodes(deps, s.tenant);
  return finalEcn;
}

export async function getEcn(deps: Deps, s: Session, no: string): Promise<Ecn> {
  const { attempt: _attempt, ...ecn } = await load(deps, s.tenant, no);
  return ecn;
}

export function listEcns(
  deps: Deps,
  s: Session,
  q: { status?: string; limit: number; cursor?: string },
): Promise<Page<Ecn>> {
  return ecnRepo(deps, s.tenant).list(q);
}

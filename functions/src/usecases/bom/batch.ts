import {
  type BatchEcnRequest,
  type BatchPreview,
  type BatchPreviewRequest,
  type Ecn,
  type Session,
  invalidRequest,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import {
  batchLineChange,
  batchPreviewEntry,
  effectiveVersion,
  byCode,
} from '../../domain/bom/index.js';
import { bomRepo } from '../../store/bomRepo.js';
import { shanghaiDate } from '../time.js';
import type { CommitHooks } from '../hooks.js';
import { createEcn } from './ecn.js';
import { loadBomRefs } from './load.js';

/**
 * Every BOM whose version effective on the date uses the component (optionally only parents
 * with a code prefix or in a category), with the line before and after the action; a BOM
 * that already has the replacement shows the merge, one that cannot take the change its
 * problem. None is left out.
 */
export async function previewBatch(
  deps: Deps,
  s: Session,
  req: BatchPreviewRequest,
): Promise<BatchPreview> {
  const date = req.date ?? shanghaiDate(deps.clock.now());
  const repo = bomRepo(deps, s.tenant);
  const usages = (await repo.getUsage(req.component)).filter(
    (u) =>
      !u.asSubstitute && (req.parentPrefix === undefined || u.parent.startsWith(req.parentPrefix)),
  );
  const heads = await repo.getHeads(usages.map((u) => u.parent));
  let current = usages.filter((u) => {
    const head = heads.get(u.parent);
    return head !== undefined && effectiveVersion(head.versions, date)?.version === u.version;
  });
  if (req.category !== undefined) {
    const { items } = await loadBomRefs(
      deps,
      s.tenant,
      current.map((u) => u.parent),
    );
    current = current.filter((u) => items.get(u.parent)?.category === req.category);
  }
  const lines = await repo.getManyLines(
    current.map((u) => ({ parent: u.parent, version: u.version })),
  );
  // Every selected BOM is an entry: one that already has the replacement is merged, one
  // that cannot take the change says why (and the batch ECN is then refused).
  const entries: BatchPreview['entries'] = current.map((u) =>
    batchPreviewEntry(
      u.parent,
      u.version,
      lines.get(`${u.parent}@${u.version}`)?.lines,
      req.component,
      req.action,
    ),
  );
  entries.sort((a, b) => byCode(a.parent, b.parent));
  return { component: req.component, date, entries };
}

/** One ECN applying the action to every selected BOM; approving it changes all or none. */
export async function createBatchEcn(
  deps: Deps,
  s: Session,
  req: BatchEcnRequest,
  hooks: CommitHooks<Ecn> = {},
): Promise<Ecn> {
  const { reason, effectiveDate, ...selection } = req;
  const preview = await previewBatch(deps, s, selection);
  if (preview.entries.length === 0) {
    throw invalidRequest([
      {
        path: ['body', 'component'],
        message: `没有找到在 ${preview.date} 使用 ${req.component} 的物料清单`,
      },
    ]);
  }
  const problems = preview.entries.filter((e) => e.problem);
  if (problems.length) {
    throw invalidRequest(
      problems.map((e) => ({
        path: ['body', 'component'],
        message: `物料清单 ${e.parent}（${e.version}）：${e.problem}`,
      })),
      `有 ${problems.length} 张物料清单不能批量变更，请先处理`,
    );
  }
  const change = batchLineChange(req.component, req.action);
  return createEcn(
    deps,
    s,
    {
      reason,
      ...(effectiveDate ? { effectiveDate } : {}),
      changes: preview.entries.map((e) => ({
        kind: 'revise' as const,
        parent: e.parent,
        baseVersion: e.version,
        lines: [change],
      })),
    },
    hooks,
  );
}

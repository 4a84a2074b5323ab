import {
  type AssignableWorkers,
  type Session,
  type TaskOrderAssign,
  type TaskOrderView,
  notFound,
  versionConflict,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import { distinctAssignees } from '../../domain/shopfloor/assignees.js';
import { taskOrderRepo } from '../../store/taskOrderRepo.js';
import { userRepo } from '../../store/userRepo.js';
import { completing, type CommitHooks } from '../hooks.js';
import { documentLabels } from '../labels.js';
import { getTaskOrderView } from './views.js';
import { assertWorkers } from './workers.js';

/** Sets who a task order is assigned to (the whole list; empty: unassigned). */
export async function assignTaskOrder(
  deps: Deps,
  s: Session,
  no: string,
  req: TaskOrderAssign,
  hooks: CommitHooks<TaskOrderView> = {},
): Promise<TaskOrderView> {
  // Read first as the phone reads it: an imported order gets its needs stored here.
  const before = await getTaskOrderView(deps, s, no);
  const repo = taskOrderRepo(deps, s.tenant);
  const stored = await repo.get(no);
  if (!stored) throw notFound('taskOrder', no);
  if (req.expectedVersion !== undefined && req.expectedVersion !== stored.version) {
    throw versionConflict('taskOrder', no, req.expectedVersion);
  }
  const assignees = distinctAssignees(req.assignees);
  await assertWorkers(deps, s.tenant, assignees);
  const names = await documentLabels(deps, s.tenant, { items: [], users: assignees });
  const view: TaskOrderView = {
    ...before,
    assignees,
    version: stored.version + 1,
    labels: {
      items: before.labels?.items ?? {},
      warehouses: before.labels?.warehouses ?? {},
      users: names.users ?? {},
    },
  };
  await deps.unitOfWork.commit(completing(hooks, view, [repo.updateItem(stored, { assignees })]));
  return view;
}

/** The workers a task order may be assigned to, by name. */
export async function assignableWorkers(deps: Deps, s: Session): Promise<AssignableWorkers> {
  const workers = await userRepo(deps, s.tenant).listByRole('worker');
  return {
    items: workers
      .map((u) => ({ userid: u.userid, name: u.name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
  };
}

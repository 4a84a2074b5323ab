import { AppError, type TaskOrderState } from '@factory/shared';

/** The moves a task order may make; anything else is refused. */
const NEXT: Record<TaskOrderState, readonly TaskOrderState[]> = {
  planned: ['released', 'closed'],
  released: ['inProgress', 'completed', 'closed'],
  inProgress: ['completed', 'closed'],
  completed: ['closed'],
  closed: [],
};

const LABEL: Record<TaskOrderState, string> = {
  planned: '计划',
  released: '已下达',
  inProgress: '生产中',
  completed: '已完工',
  closed: '已关闭',
};

export function canMove(from: TaskOrderState, to: TaskOrderState): boolean {
  return NEXT[from].includes(to);
}

export function assertMove(no: string, from: TaskOrderState, to: TaskOrderState): void {
  if (!canMove(from, to)) {
    throw new AppError(
      'taskOrder.invalidState',
      `生产任务单 ${no} 当前为「${LABEL[from]}」，不能改为「${LABEL[to]}」`,
      { no, from, to },
    );
  }
}

/**
 * Orders that may be picked for: released or in progress; material left over may also come
 * back from a completed order (退料 after 完工), until it is closed.
 */
export function assertPickable(
  no: string,
  state: TaskOrderState,
  kind: 'issue' | 'return' = 'issue',
): void {
  const open = state === 'released' || state === 'inProgress';
  if (open || (kind === 'return' && state === 'completed')) return;
  throw new AppError(
    'taskOrder.invalidState',
    `生产任务单 ${no} 当前为「${LABEL[state]}」，不能${kind === 'issue' ? '领料' : '退料'}`,
    { no, state },
  );
}

/** Lists order by priority (1 first), then due date, then number. */
export function byPriority(
  a: { priority: number; dueDate: string; no: string },
  b: { priority: number; dueDate: string; no: string },
): number {
  return (
    a.priority - b.priority ||
    (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0) ||
    (a.no < b.no ? -1 : a.no > b.no ? 1 : 0)
  );
}

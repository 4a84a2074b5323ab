import type { Role } from '@factory/shared';

/**
 * Who sees which task orders. A worker's list is theirs: the orders assigned to them and the
 * ones not assigned to anybody yet (orders written before assignees existed, and new ones a
 * planner has not assigned), so nothing falls out of every list. Anybody with another role
 * that may read task orders (planner, clerk, supervisor, manager, admin) sees every order and
 * may narrow the list to one worker's assigned orders.
 */
export type AssigneeScope =
  | { kind: 'all' }
  /** Only the orders naming this user (the filter a manager chose). */
  | { kind: 'assigned'; user: string }
  /** The orders naming this user, and the unassigned ones (a worker's own list). */
  | { kind: 'mine'; user: string };

const SEES_ALL: readonly Role[] = [
  'planner',
  'warehouse',
  'supervisor',
  'cost',
  'manager',
  'admin',
];

export function assigneeScope(
  session: { user: string; roles: readonly Role[] },
  asked?: string,
): AssigneeScope {
  if (!session.roles.some((r) => SEES_ALL.includes(r))) {
    return { kind: 'mine', user: session.user };
  }
  return asked ? { kind: 'assigned', user: asked } : { kind: 'all' };
}

/** Whether an order with these assignees is in the scope (the store filters the same way). */
export function inScope(scope: AssigneeScope, assignees: readonly string[] | undefined): boolean {
  if (scope.kind === 'all') return true;
  const named = assignees ?? [];
  if (named.includes(scope.user)) return true;
  return scope.kind === 'mine' && named.length === 0;
}

/** The assignees as stored: trimmed of repeats, in the order given. */
export const distinctAssignees = (assignees: readonly string[]): string[] => [
  ...new Set(assignees),
];

import { type FieldIssue, invalidRequest } from '@factory/shared';
import type { Deps } from '../../deps.js';
import { userRepo } from '../../store/userRepo.js';

// Its own module: creating a task order (orders.ts) and assigning one (assignees.ts, which
// reads the order's view through orders.ts) both check assignees.

/** Refuses any assignee that is not an active worker of the tenant, each under its index. */
export async function assertWorkers(
  deps: Deps,
  tenant: string,
  userids: readonly string[],
): Promise<void> {
  const users = userRepo(deps, tenant);
  const issues: FieldIssue[] = [];
  for (const [i, userid] of userids.entries()) {
    const user = await users.get(userid);
    if (!user?.active || !user.roles.includes('worker')) {
      issues.push({ path: ['body', 'assignees', i], message: `不是在职的操作工：${userid}` });
    }
  }
  if (issues.length) throw invalidRequest(issues);
}

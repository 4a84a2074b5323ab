import type { Session } from '@factory/shared';

/** The demo factory's corp (tenant) and its people, one or more per role. */
export const DEMO_TENANT = 'wwdemo01';

export const DEMO_USERS: readonly Omit<Session, 'tenant'>[] = [
  { user: 'zhangwei', name: '张伟（销售）', roles: ['sales'] },
  { user: 'lina', name: '李娜（计划）', roles: ['planner'] },
  { user: 'wangqiang', name: '王强（仓管）', roles: ['warehouse'] },
  { user: 'liuyang', name: '刘洋（车间主任）', roles: ['supervisor'] },
  { user: 'chenjie', name: '陈杰（操作工）', roles: ['worker'] },
  { user: 'zhaomin', name: '赵敏（质检）', roles: ['qc'] },
  { user: 'sunli', name: '孙丽（成本会计）', roles: ['cost'] },
  { user: 'zhoujun', name: '周军（厂长）', roles: ['manager'] },
  { user: 'wuhao', name: '吴浩（工艺工程师）', roles: ['engineer'] },
  { user: 'admin', name: '系统管理员', roles: ['admin'] },
];

export function demoSession(user: string, tenant = DEMO_TENANT): Session | undefined {
  const found = DEMO_USERS.find((u) => u.user === user);
  return found ? { tenant, ...found, roles: [...found.roles] } : undefined;
}

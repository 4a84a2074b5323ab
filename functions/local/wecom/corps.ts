import { randomBytes } from 'node:crypto';
import type { Role } from '@factory/shared';
import { DEMO_TENANT, DEMO_USERS } from '../../src/auth/demoUsers.js';

/** The simulator's address book: corps, their app, departments and members. */
export type SimDepartment = { id: number; name: string; parentid: number };
export type SimMember = {
  userid: string;
  name: string;
  department: number[];
  position: string;
  /** In the app's visible range (可见范围): only those get messages and can be read. */
  visible: boolean;
};
export type SimCorp = {
  corpid: string;
  name: string;
  agentId: number;
  secret: string;
  /** Callback Token and EncodingAESKey of the app's 接收消息 settings. */
  token: string;
  encodingAesKey: string;
  miniprogramAppId?: string;
  departments: SimDepartment[];
  members: SimMember[];
};

/** The second, small demo corp (tenant isolation); its product users and their roles. */
export const SECOND_DEMO_TENANT = 'wwdemo02';
export const SECOND_DEMO_USERS: readonly { user: string; name: string; roles: Role[] }[] = [
  { user: 'admin', name: '系统管理员（二厂）', roles: ['admin'] },
  { user: 'lisi', name: '李四（二厂计划）', roles: ['planner'] },
];

const DEPARTMENT_OF_ROLE: Record<Role, number> = {
  manager: 1,
  admin: 1,
  sales: 2,
  planner: 3,
  warehouse: 4,
  supervisor: 5,
  worker: 5,
  qc: 6,
  cost: 7,
  engineer: 8,
};

/** A random app configuration as the WeCom admin console would show it. */
export function appSecrets(): Pick<SimCorp, 'secret' | 'token' | 'encodingAesKey'> {
  return {
    secret: randomBytes(32).toString('base64url').slice(0, 43),
    token: randomBytes(12).toString('base64url').slice(0, 16),
    // 32 random bytes in base64 are 44 characters ending in '='; WeCom shows the 43 before it.
    encodingAesKey: randomBytes(32).toString('base64').slice(0, 43),
  };
}

export function demoCorps(): SimCorp[] {
  return [
    {
      corpid: DEMO_TENANT,
      name: '演示电扇厂',
      agentId: 1000002,
      ...appSecrets(),
      miniprogramAppId: 'wxdemo0000000001',
      departments: [
        { id: 1, name: '演示电扇厂', parentid: 0 },
        { id: 2, name: '销售部', parentid: 1 },
        { id: 3, name: '计划部', parentid: 1 },
        { id: 4, name: '仓储部', parentid: 1 },
        { id: 5, name: '生产部', parentid: 1 },
        { id: 6, name: '质量部', parentid: 1 },
        { id: 7, name: '财务部', parentid: 1 },
        { id: 8, name: '技术部', parentid: 1 },
      ],
      members: [
        ...DEMO_USERS.map((u) => ({
          userid: u.user,
          name: u.name ?? u.user,
          department: [DEPARTMENT_OF_ROLE[u.roles[0]!]],
          position: u.name?.match(/（(.+)）/)?.[1] ?? '',
          visible: true,
        })),
        // A member outside the app's visible range: messages to them come back invalid.
        { userid: 'guest', name: '访客', department: [1], position: '访客', visible: false },
      ],
    },
    {
      corpid: SECOND_DEMO_TENANT,
      name: '演示二厂',
      agentId: 1000003,
      ...appSecrets(),
      departments: [{ id: 1, name: '演示二厂', parentid: 0 }],
      members: SECOND_DEMO_USERS.map((u) => ({
        userid: u.user,
        name: u.name,
        department: [1],
        position: u.name.match(/（(.+)）/)?.[1] ?? '',
        visible: true,
      })),
    },
  ];
}

/** The product's WeCom app configuration (WECOM_APPS) for these corps. */
export function appsConfig(corps: SimCorp[], defaultCorpId = DEMO_TENANT) {
  return {
    defaultCorpId,
    apps: corps.map((c) => ({
      corpId: c.corpid,
      agentId: c.agentId,
      secret: c.secret,
      token: c.token,
      encodingAesKey: c.encodingAesKey,
      ...(c.miniprogramAppId ? { miniprogramAppId: c.miniprogramAppId } : {}),
    })),
  };
}

import { PutCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Role } from '@factory/shared';
import type { Deps } from '../deps.js';
import { keys } from './keys.js';
import { queryAll } from './query.js';

/** A product user: the WeCom member (userid) of a tenant and the roles the product gives them. */
export type ProductUser = {
  tenant: string;
  userid: string;
  name: string;
  roles: Role[];
  active: boolean;
};

type Db = Pick<Deps, 'db' | 'tableName'>;

function fromRaw(raw: Record<string, unknown>): ProductUser {
  return {
    tenant: String(raw.tenant),
    userid: String(raw.userid),
    name: String(raw.name ?? raw.userid),
    roles: (raw.roles as Role[] | undefined) ?? [],
    active: raw.active !== false,
  };
}

export function userRepo(deps: Db, tenant: string) {
  return {
    async get(userid: string): Promise<ProductUser | undefined> {
      const res = await deps.db.send(
        new GetCommand({ TableName: deps.tableName, Key: keys.user(tenant, userid) }),
      );
      return res.Item ? fromRaw(res.Item) : undefined;
    },

    /** Every user of the tenant (a factory has tens to hundreds: one partition, a few pages). */
    async list(): Promise<ProductUser[]> {
      const rows = await queryAll(deps, { attr: 'pk', value: keys.userPartition(tenant) });
      return rows.map(fromRaw);
    },

    async listByRole(role: Role): Promise<ProductUser[]> {
      return (await this.list()).filter((u) => u.active && u.roles.includes(role));
    },

    /** Creates the user unless one with this userid exists (seeding is safe to repeat). */
    async putIfAbsent(user: Omit<ProductUser, 'tenant'>): Promise<boolean> {
      try {
        await deps.db.send(
          new PutCommand({
            TableName: deps.tableName,
            Item: { ...keys.user(tenant, user.userid), type: 'user', tenant, ...user },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (err) {
        if ((err as Error).name === 'ConditionalCheckFailedException') return false;
        throw err;
      }
    },
  };
}

import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../deps.js';
import type { TokenStore } from '../wecom/tokens.js';
import { keys } from './keys.js';

/** The token and its lease as two items of the table, in the tenant's WECOM partition. */
export function dynamoTokenStore(
  deps: Pick<Deps, 'db' | 'tableName'>,
  tenant: string,
  agentId: number,
): TokenStore {
  const TableName = deps.tableName;
  const tokenKey = keys.wecomToken(tenant, agentId);
  const leaseKey = keys.wecomTokenLease(tenant, agentId);
  return {
    async read() {
      const res = await deps.db.send(
        new GetCommand({ TableName, Key: tokenKey, ConsistentRead: true }),
      );
      if (!res.Item) return undefined;
      return {
        accessToken: String(res.Item.accessToken),
        expiresAt: Number(res.Item.tokenExpiresAt),
        ...(res.Item.refreshAt !== undefined ? { refreshAt: Number(res.Item.refreshAt) } : {}),
      };
    },
    async write(token) {
      await deps.db.send(
        new PutCommand({
          TableName,
          Item: {
            ...tokenKey,
            type: 'wecomToken',
            tenant,
            agentId,
            accessToken: token.accessToken,
            tokenExpiresAt: token.expiresAt,
            ...(token.refreshAt !== undefined ? { refreshAt: token.refreshAt } : {}),
            // The table's TTL removes it some time after it lapsed.
            expiresAt: Math.ceil(token.expiresAt / 1000) + 3600,
          },
        }),
      );
    },
    async acquireLease(holder, now, leaseMs) {
      try {
        await deps.db.send(
          new PutCommand({
            TableName,
            Item: {
              ...leaseKey,
              type: 'wecomTokenLease',
              holder,
              leaseUntil: now + leaseMs,
              expiresAt: Math.ceil((now + leaseMs) / 1000) + 3600,
            },
            ConditionExpression: 'attribute_not_exists(pk) OR leaseUntil < :now',
            ExpressionAttributeValues: { ':now': now },
          }),
        );
        return true;
      } catch (err) {
        if ((err as Error).name === 'ConditionalCheckFailedException') return false;
        throw err;
      }
    },
    async releaseLease(holder) {
      try {
        await deps.db.send(
          new DeleteCommand({
            TableName,
            Key: leaseKey,
            ConditionExpression: 'holder = :holder',
            ExpressionAttributeValues: { ':holder': holder },
          }),
        );
      } catch (err) {
        if ((err as Error).name !== 'ConditionalCheckFailedException') throw err;
      }
    },
  };
}

import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../deps.js';
import { keys } from './keys.js';

/** WeCom callback deliveries received (`T#<corp>#WECOMCB#<key>`), for de-duplication. */
export function wecomCallbackRepo(deps: Pick<Deps, 'db' | 'tableName'>, tenant: string) {
  const TableName = deps.tableName;
  return {
    /** A conditional put with a TTL: true the first time this delivery is seen. */
    async markReceived(key: string, now: Date, ttlSeconds: number): Promise<boolean> {
      try {
        await deps.db.send(
          new PutCommand({
            TableName,
            Item: {
              ...keys.wecomCallback(tenant, key),
              type: 'wecomCallback',
              receivedAt: now.toISOString(),
              expiresAt: Math.floor(now.getTime() / 1000) + ttlSeconds,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (err) {
        if ((err as Error).name === 'ConditionalCheckFailedException') return false;
        throw err;
      }
    },

    /** Forgets a delivery, so WeCom's retry of it is processed. */
    async forget(key: string): Promise<void> {
      await deps.db.send(new DeleteCommand({ TableName, Key: keys.wecomCallback(tenant, key) }));
    },
  };
}

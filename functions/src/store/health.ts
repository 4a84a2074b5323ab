import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../deps.js';
import { keys } from './keys.js';

/**
 * Whether the table answers (the health route reports `database: unreachable` otherwise).
 * One GetItem of a key that never exists (0.5 read unit, data plane): DescribeTable is a
 * control-plane call, rate-limited per account and not meant for every probe of a load
 * balancer or monitor.
 */
export async function tableReachable(deps: Pick<Deps, 'db' | 'tableName'>): Promise<boolean> {
  try {
    await deps.db.send(new GetCommand({ TableName: deps.tableName, Key: keys.healthProbe() }));
    return true;
  } catch {
    return false;
  }
}

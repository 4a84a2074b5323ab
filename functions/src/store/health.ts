import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { Deps } from '../deps.js';

/** Whether the table answers (the health route reports `database: unreachable` otherwise). */
export async function tableReachable(deps: Pick<Deps, 'db' | 'tableName'>): Promise<boolean> {
  try {
    await deps.db.send(new DescribeTableCommand({ TableName: deps.tableName }));
    return true;
  } catch {
    return false;
  }
}

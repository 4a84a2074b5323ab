import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../deps.js';
import { keys } from './keys.js';

/**
 * Human document numbers (RC-20261125-0001): one atomic counter per prefix and day. A number
 * taken by a request that then fails is not reused; gaps are normal in any ERP.
 */
export async function nextDocumentNumber(
  deps: Pick<Deps, 'db' | 'tableName'>,
  tenant: string,
  prefix: string,
  day: string,
): Promise<string> {
  const compactDay = day.replaceAll('-', '');
  const res = await deps.db.send(
    new UpdateCommand({
      TableName: deps.tableName,
      Key: keys.sequence(tenant, `${prefix}#${compactDay}`),
      UpdateExpression: 'ADD #n :one SET #type = :type',
      ExpressionAttributeNames: { '#n': 'n', '#type': 'type' },
      ExpressionAttributeValues: { ':one': 1, ':type': 'sequence' },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  const n = Number(res.Attributes?.n);
  return `${prefix}-${compactDay}-${String(n).padStart(4, '0')}`;
}

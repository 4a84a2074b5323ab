import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../deps.js';
import { keys } from './keys.js';
import { tableReachable } from './health.js';

function depsSending(send: (command: unknown) => Promise<unknown>) {
  return { db: { send }, tableName: 'factory' } as unknown as Pick<Deps, 'db' | 'tableName'>;
}

describe('tableReachable', () => {
  it('reads one fixed key of the table (data plane), never DescribeTable', async () => {
    const sent: unknown[] = [];
    expect(await tableReachable(depsSending(async (c) => (sent.push(c), {})))).toBe(true);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toBeInstanceOf(GetCommand);
    expect((sent[0] as GetCommand).input).toEqual({
      TableName: 'factory',
      Key: keys.healthProbe(),
    });
  });

  it('is false when the read fails', async () => {
    const failing = depsSending(() => Promise.reject(new Error('connect ECONNREFUSED')));
    expect(await tableReachable(failing)).toBe(false);
  });
});

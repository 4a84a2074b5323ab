import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../deps.js';
import { keys } from '../store/keys.js';
import { health } from './system.js';

const at = new Date('2026-12-01T08:00:00Z');

function depsSending(send: (command: unknown) => Promise<unknown>): Deps {
  return {
    config: { version: '1.2.3' },
    db: { send },
    tableName: 'factory',
    clock: { now: () => at },
    newId: () => 'x',
  } as unknown as Deps;
}

describe('health', () => {
  it('reads one fixed key of the table (data plane), never DescribeTable', async () => {
    const sent: unknown[] = [];
    const answer = await health(depsSending(async (c) => (sent.push(c), {})));
    expect(answer).toEqual({
      status: 'ok',
      service: 'factory-erp',
      version: '1.2.3',
      time: '2026-12-01T08:00:00.000Z',
      database: 'ok',
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toBeInstanceOf(GetCommand);
    expect((sent[0] as GetCommand).input).toEqual({
      TableName: 'factory',
      Key: keys.healthProbe(),
    });
  });

  it('says the database is unreachable when the read fails', async () => {
    const answer = await health(
      depsSending(() => Promise.reject(new Error('connect ECONNREFUSED'))),
    );
    expect(answer).toMatchObject({ status: 'ok', database: 'unreachable' });
  });
});

import type { Deps } from '../deps.js';
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
  it('answers the version, the business clock and a reachable database', async () => {
    const answer = await health(depsSending(async () => ({})));
    expect(answer).toEqual({
      status: 'ok',
      service: 'factory-erp',
      version: '1.2.3',
      time: '2026-12-01T08:00:00.000Z',
      database: 'ok',
    });
  });

  it('says the database is unreachable when the read fails', async () => {
    const answer = await health(
      depsSending(() => Promise.reject(new Error('connect ECONNREFUSED'))),
    );
    expect(answer).toMatchObject({ status: 'ok', database: 'unreachable' });
  });
});

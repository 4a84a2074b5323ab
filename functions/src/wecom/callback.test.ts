import { wecomEncrypt, wecomSignature } from '../../local/wecom/simCrypto.js';
import { readConfig } from '../config.js';
import type { Deps } from '../deps.js';
import { receiveCallback } from './callback.js';
import { useCallbackDispatcher, type CallbackJob } from './dispatcher.js';
import { buildWecomXml } from './xml.js';

const APP = {
  corpId: 'wwa',
  agentId: 1000002,
  secret: 's',
  token: 'tok',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
};
const NOW = new Date('2026-12-01T08:00:00Z');

/** A table that remembers puts (with their conditions) and deletes. */
function fakeDeps() {
  const items = new Map<string, unknown>();
  const log: string[] = [];
  const deps = {
    config: readConfig({ WECOM_APPS: JSON.stringify({ apps: [APP] }) }),
    tableName: 't',
    db: {
      send: async (cmd: { constructor: { name: string }; input: Record<string, unknown> }) => {
        const name = cmd.constructor.name;
        const item = cmd.input.Item as { pk: string; sk: string } | undefined;
        const key = JSON.stringify(cmd.input.Key ?? { pk: item!.pk, sk: item!.sk });
        log.push(name);
        if (name === 'PutCommand') {
          if (items.has(key)) {
            throw Object.assign(new Error('exists'), { name: 'ConditionalCheckFailedException' });
          }
          items.set(key, cmd.input.Item);
        }
        if (name === 'DeleteCommand') items.delete(key);
        return {};
      },
    },
  } as unknown as Deps;
  return { deps, items, log };
}

function request(event: string) {
  const encrypted = wecomEncrypt(APP.encodingAesKey, event, APP.corpId);
  const timestamp = String(Math.floor(NOW.getTime() / 1000));
  return {
    query: {
      msg_signature: wecomSignature(APP.token, timestamp, 'n', encrypted),
      timestamp,
      nonce: 'n',
    },
    body: buildWecomXml({ ToUserName: APP.corpId, Encrypt: encrypted, AgentID: '1000002' }),
  };
}

const EVENT = buildWecomXml({
  ToUserName: 'wwa',
  FromUserName: 'lisi',
  CreateTime: 1764576000,
  MsgType: 'event',
  Event: 'template_card_event',
  EventKey: 'approve:AP-1',
  TaskId: 'ap-AP-1-1',
  ResponseCode: 'rc',
});

afterEach(() => useCallbackDispatcher(undefined));

describe('receiveCallback', () => {
  test('records the delivery once and dispatches it once', async () => {
    const { deps, items } = fakeDeps();
    const jobs: CallbackJob[] = [];
    useCallbackDispatcher(async (job) => {
      jobs.push(job);
    });
    const { query, body } = request(EVENT);
    expect((await receiveCallback(deps, query, body, NOW)).duplicate).toBe(false);
    expect((await receiveCallback(deps, query, body, NOW)).duplicate).toBe(true);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.message).toMatchObject({ fromUserName: 'lisi', eventKey: 'approve:AP-1' });
    expect(items.size).toBe(1);
  });

  test('a delivery that could not be handed over is forgotten, so WeCom’s retry goes through', async () => {
    const { deps, items, log } = fakeDeps();
    useCallbackDispatcher(async () => {
      throw new Error('Lambda throttled');
    });
    const { query, body } = request(EVENT);
    await expect(receiveCallback(deps, query, body, NOW)).rejects.toThrow('Lambda throttled');
    expect(log).toEqual(['PutCommand', 'DeleteCommand']);
    expect(items.size).toBe(0);

    const jobs: CallbackJob[] = [];
    useCallbackDispatcher(async (job) => {
      jobs.push(job);
    });
    await receiveCallback(deps, query, body, NOW);
    expect(jobs).toHaveLength(1);
  });

  test('a forged or malformed request writes nothing', async () => {
    const { deps, log } = fakeDeps();
    const { query, body } = request(EVENT);
    await expect(
      receiveCallback(deps, { ...query, msg_signature: '0'.repeat(40) }, body, NOW),
    ).rejects.toMatchObject({ code: 'wecom.badSignature' });
    await expect(receiveCallback(deps, query, '<xml><oops', NOW)).rejects.toMatchObject({
      code: 'wecom.badSignature',
    });
    await expect(
      receiveCallback(deps, query, body.replace('wwa', 'wwunknown'), NOW),
    ).rejects.toMatchObject({ code: 'wecom.badSignature' });
    expect(log).toEqual([]);
  });
});

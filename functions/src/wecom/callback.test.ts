import { wecomEncrypt, wecomSignature } from '../../local/wecom/simCrypto.js';
import { readConfig } from '../config.js';
import type { Deps } from '../deps.js';
import { envelopeField, receiveCallback } from './callback.js';
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

  test('checks the signature before it parses anything: an unsigned body is refused unparsed', async () => {
    const { deps, log } = fakeDeps();
    const { query } = request(EVENT);
    // Not even XML past its first two fields: refused for its signature, never parsed.
    const forged =
      '<xml><ToUserName><![CDATA[wwa]]></ToUserName><Encrypt><![CDATA[AAAA]]></Encrypt>' +
      '<a>'.repeat(10_000);
    await expect(receiveCallback(deps, query, forged, NOW)).rejects.toMatchObject({
      code: 'wecom.badSignature',
      details: { reason: 'signature' },
    });
    expect(log).toEqual([]);
  });

  test('a signed Encrypt inside an envelope that is not well-formed, or says otherwise, is refused', async () => {
    const { deps, log } = fakeDeps();
    const { query, body } = request(EVENT);
    await expect(receiveCallback(deps, query, `${body}<oops`, NOW)).rejects.toMatchObject({
      details: { reason: 'envelope' },
    });
    const twice = body.replace('</xml>', '<ToUserName><![CDATA[wwb]]></ToUserName></xml>');
    await expect(receiveCallback(deps, query, twice, NOW)).rejects.toMatchObject({
      details: { reason: 'envelope' },
    });
    expect(log).toEqual([]);
  });
});

describe('envelopeField', () => {
  test('reads CDATA and bare values, trimmed', () => {
    const xml = '<xml><ToUserName><![CDATA[wwa]]></ToUserName><Encrypt> ab+/= </Encrypt></xml>';
    expect(envelopeField(xml, 'ToUserName')).toBe('wwa');
    expect(envelopeField(xml, 'Encrypt')).toBe('ab+/=');
  });

  test('a missing, empty or nested field is absent', () => {
    expect(envelopeField('<xml></xml>', 'Encrypt')).toBeUndefined();
    expect(envelopeField('<xml><Encrypt></Encrypt></xml>', 'Encrypt')).toBeUndefined();
    expect(envelopeField('<xml><Encrypt><x>1</x></Encrypt></xml>', 'Encrypt')).toBeUndefined();
  });

  test('stays linear on a large hostile body', () => {
    const hostile = `<xml>${'<Encrypt>'.repeat(20_000)}${' '.repeat(60_000)}`;
    const started = performance.now();
    expect(envelopeField(hostile, 'Encrypt')).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(500);
  });
});

import { jest } from '@jest/globals';
import { readConfig } from '../config.js';
import { defaultCorpId, parseWecomApps, resetWecomApps, wecomApp } from './apps.js';

const APP = {
  corpId: 'wwa',
  agentId: 1000002,
  secret: 's',
  token: 't',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
};

const config = (apps: unknown, env: Record<string, string> = {}) =>
  readConfig({ WECOM_APPS: JSON.stringify(apps), ...env });

afterEach(() => resetWecomApps());

describe('WeCom app configuration', () => {
  test('parses the apps list and checks each field', () => {
    expect(
      parseWecomApps(JSON.stringify({ apps: [{ ...APP, agentId: '1000002' }] })).apps[0]!.agentId,
    ).toBe(1000002);
    expect(() =>
      parseWecomApps(JSON.stringify({ apps: [{ ...APP, encodingAesKey: 'short' }] })),
    ).toThrow(/apps.0.encodingAesKey/);
    expect(() => parseWecomApps('{')).toThrow(/not JSON/);
  });

  test("a tenant's app; a tenant without one, or a placeholder configuration, is wecom.notConfigured", async () => {
    expect((await wecomApp(config({ apps: [APP] }), 'wwa')).agentId).toBe(1000002);
    await expect(wecomApp(config({ apps: [APP] }), 'wwb')).rejects.toMatchObject({
      code: 'wecom.notConfigured',
      status: 503,
    });
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await expect(
        wecomApp(config({ defaultCorpId: '', apps: [], placeholder: 'x' }), 'wwa'),
      ).rejects.toMatchObject({ code: 'wecom.notConfigured' });
      expect(spy).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
    await expect(wecomApp(readConfig({}), 'wwa')).rejects.toMatchObject({
      code: 'wecom.notConfigured',
    });
  });

  test('the default corp: the environment, then the file, then the only app', async () => {
    const two = { apps: [APP, { ...APP, corpId: 'wwb' }] };
    expect(await defaultCorpId(config({ ...two, defaultCorpId: 'wwb' }))).toBe('wwb');
    expect(await defaultCorpId(config(two, { WECOM_DEFAULT_CORP_ID: 'wwa' }))).toBe('wwa');
    expect(await defaultCorpId(config({ apps: [APP] }))).toBe('wwa');
    await expect(defaultCorpId(config(two))).rejects.toMatchObject({ code: 'request.invalid' });
  });

  test('WECOM_BASE_URL is read once, without a trailing slash', () => {
    expect(readConfig({}).wecom.baseUrl).toBe('https://qyapi.weixin.qq.com');
    expect(readConfig({ WECOM_BASE_URL: 'http://127.0.0.1:3001/' }).wecom.baseUrl).toBe(
      'http://127.0.0.1:3001',
    );
  });
});

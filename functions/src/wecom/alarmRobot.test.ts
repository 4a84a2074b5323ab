import {
  ROBOT_WEBHOOK_PREFIX,
  postAlarms,
  robotMessage,
  webhookUrlOf,
  type AlarmRobotDeps,
  type SnsEvent,
} from './alarmRobot.js';

const WEBHOOK = `${ROBOT_WEBHOOK_PREFIX}693a91f6-7xxx`;

const anAlarm = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    AlarmName: 'factory-erp-Health',
    AlarmDescription: 'Factory ERP: any of its alarms',
    NewStateValue: 'ALARM',
    OldStateValue: 'OK',
    NewStateReason: 'Threshold Crossed: 1 datapoint [7.0] was >= 5.0',
    StateChangeTime: '2026-12-06T23:00:00.000+0000',
    Region: 'China (Beijing)',
    ...over,
  });

const anEvent = (...messages: string[]): SnsEvent => ({
  Records: messages.map((Message) => ({ Sns: { Message, Subject: 'ALARM: "x"' } })),
});

function fakeDeps(answers: { status?: number; body?: unknown }[] = [{}]) {
  const posts: { url: string; body: unknown }[] = [];
  const warnings: string[] = [];
  const deps: AlarmRobotDeps = {
    readSecret: () => Promise.resolve(JSON.stringify({ webhookUrl: WEBHOOK })),
    fetch: ((url: string, init: { body: string }) => {
      posts.push({ url, body: JSON.parse(init.body) });
      const answer = answers[Math.min(posts.length - 1, answers.length - 1)]!;
      return Promise.resolve(
        new Response(JSON.stringify(answer.body ?? { errcode: 0, errmsg: 'ok' }), {
          status: answer.status ?? 200,
        }),
      );
    }) as unknown as typeof fetch,
    warn: (message) => warnings.push(message),
  };
  return { deps, posts, warnings };
}

describe('robotMessage', () => {
  it('turns an alarm notification into a markdown card in Chinese', () => {
    const { msgtype, markdown } = robotMessage(anAlarm());
    expect(msgtype).toBe('markdown');
    expect(markdown.content).toContain('告警');
    expect(markdown.content).toContain('factory-erp-Health');
    expect(markdown.content).toContain('原因：Threshold Crossed');
    expect(markdown.content).toContain('时间：2026-12-06T23:00:00.000+0000');
  });

  it('says when an alarm is back to OK', () => {
    expect(robotMessage(anAlarm({ NewStateValue: 'OK' })).markdown.content).toContain('已恢复');
  });

  it('cuts a long reason', () => {
    const content = robotMessage(anAlarm({ NewStateReason: 'x'.repeat(5000) })).markdown.content;
    expect(content.length).toBeLessThan(1000);
  });

  it('passes a message that is not an alarm through as text', () => {
    expect(robotMessage('hello', 'test').markdown.content).toBe('**test**\nhello');
  });
});

describe('webhookUrlOf', () => {
  it('reads the URL from the JSON secret', () => {
    expect(webhookUrlOf(JSON.stringify({ webhookUrl: WEBHOOK }))).toBe(WEBHOOK);
  });

  it('takes a bare URL too', () => {
    expect(webhookUrlOf(WEBHOOK)).toBe(WEBHOOK);
  });

  it('treats the placeholder as not configured', () => {
    expect(webhookUrlOf(JSON.stringify({ webhookUrl: '', placeholder: 'abc' }))).toBeUndefined();
    expect(webhookUrlOf(undefined)).toBeUndefined();
  });

  it('refuses a URL that is not a WeCom robot webhook', () => {
    expect(() => webhookUrlOf(JSON.stringify({ webhookUrl: 'https://evil.example/x' }))).toThrow(
      /no WeCom robot webhook/,
    );
  });
});

describe('postAlarms', () => {
  it('posts each record to the webhook', async () => {
    const { deps, posts } = fakeDeps();
    await expect(
      postAlarms(deps, anEvent(anAlarm(), anAlarm({ NewStateValue: 'OK' }))),
    ).resolves.toBe(2);
    expect(posts.map((p) => p.url)).toEqual([WEBHOOK, WEBHOOK]);
    expect(posts[0]!.body).toMatchObject({ msgtype: 'markdown' });
  });

  it('throws when WeCom refuses, so Lambda retries the event', async () => {
    const { deps } = fakeDeps([{ body: { errcode: 93000, errmsg: 'invalid webhook url' } }]);
    await expect(postAlarms(deps, anEvent(anAlarm()))).rejects.toThrow(/errcode 93000/);
  });

  it('throws on an HTTP error', async () => {
    const { deps } = fakeDeps([{ status: 502, body: {} }]);
    await expect(postAlarms(deps, anEvent(anAlarm()))).rejects.toThrow(/HTTP 502/);
  });

  it('warns and posts nothing while the webhook is the placeholder', async () => {
    const { deps, posts, warnings } = fakeDeps();
    deps.readSecret = () => Promise.resolve(JSON.stringify({ webhookUrl: '' }));
    await expect(postAlarms(deps, anEvent(anAlarm()))).resolves.toBe(0);
    expect(posts).toEqual([]);
    expect(warnings).toEqual(['alarm robot: no webhook configured, message dropped']);
  });
});

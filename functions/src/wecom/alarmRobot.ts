/**
 * Alarms to a WeCom group robot (群机器人): the operations SNS topic invokes a small Lambda
 * that turns each CloudWatch alarm notification into a markdown message and posts it to the
 * robot's webhook. The webhook URL (it carries the robot's key) is kept in a secret, not in
 * the code or the environment. A group robot is not an app API: it needs no access token and
 * no 企业可信IP, so the function runs outside the VPC and still reports a NAT that is down.
 */

/** The only place a robot webhook may point to: a typo or a pasted foreign URL is refused. */
export const ROBOT_WEBHOOK_PREFIX = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=';

/** A markdown message may hold 4096 bytes; alarm texts stay far below, reasons are cut. */
const REASON_CHARS = 600;

/** The fields of a CloudWatch alarm's SNS notification this reads (metric and composite). */
type AlarmNotification = {
  AlarmName?: string;
  AlarmDescription?: string | null;
  NewStateValue?: string;
  OldStateValue?: string;
  NewStateReason?: string;
  StateChangeTime?: string;
  Region?: string;
};

const STATE_TEXT: Record<string, string> = {
  ALARM: '<font color="warning">告警</font>',
  OK: '<font color="info">已恢复</font>',
  INSUFFICIENT_DATA: '数据不足',
};

export type RobotMessage = { msgtype: 'markdown'; markdown: { content: string } };

/**
 * The robot message for one SNS message: an alarm notification as a short markdown card
 * (state, name, description, reason, time); anything else (a test publish) as its text.
 */
export function robotMessage(snsMessage: string, subject?: string): RobotMessage {
  let alarm: AlarmNotification | undefined;
  try {
    const parsed = JSON.parse(snsMessage) as unknown;
    if (parsed && typeof parsed === 'object' && 'AlarmName' in parsed) {
      alarm = parsed as AlarmNotification;
    }
  } catch {
    alarm = undefined;
  }
  if (!alarm) {
    const title = subject ? `**${subject}**\n` : '';
    return markdown(`${title}${snsMessage.slice(0, REASON_CHARS)}`);
  }
  const state = STATE_TEXT[alarm.NewStateValue ?? ''] ?? alarm.NewStateValue ?? '';
  const lines = [
    `**工厂 ERP ${state}**：${alarm.AlarmName ?? ''}`,
    ...(alarm.AlarmDescription ? [`> ${alarm.AlarmDescription}`] : []),
    ...(alarm.NewStateReason ? [`> 原因：${alarm.NewStateReason.slice(0, REASON_CHARS)}`] : []),
    ...(alarm.StateChangeTime ? [`> 时间：${alarm.StateChangeTime}`] : []),
    ...(alarm.Region ? [`> 区域：${alarm.Region}`] : []),
  ];
  return markdown(lines.join('\n'));
}

function markdown(content: string): RobotMessage {
  return { msgtype: 'markdown', markdown: { content } };
}

/**
 * The webhook URL kept in the secret: JSON `{"webhookUrl": "..."}`. Undefined while it is
 * still the deploy's placeholder (empty); an error for a URL that is not a WeCom robot's.
 */
export function webhookUrlOf(secretText: string | undefined): string | undefined {
  if (!secretText) return undefined;
  let url: unknown;
  try {
    url = (JSON.parse(secretText) as { webhookUrl?: unknown }).webhookUrl;
  } catch {
    url = secretText.trim();
  }
  if (typeof url !== 'string' || url === '') return undefined;
  if (!url.startsWith(ROBOT_WEBHOOK_PREFIX)) {
    throw new Error(
      `the alarm robot secret holds no WeCom robot webhook (${ROBOT_WEBHOOK_PREFIX}…)`,
    );
  }
  return url;
}

export type SnsEvent = { Records: { Sns: { Message: string; Subject?: string | null } }[] };

export type AlarmRobotDeps = {
  /** The secret's text (read once per container by the Lambda entry). */
  readSecret: () => Promise<string | undefined>;
  fetch: typeof fetch;
  warn: (message: string, fields?: Record<string, unknown>) => void;
};

/**
 * Posts every record of an SNS event to the robot. Throws when WeCom refuses one (errcode
 * other than 0) or cannot be reached, so Lambda retries the event (twice); a missing webhook
 * (the placeholder) is a warning, not a failure: the topic's other subscribers still hear.
 */
export async function postAlarms(deps: AlarmRobotDeps, event: SnsEvent): Promise<number> {
  const url = webhookUrlOf(await deps.readSecret());
  if (!url) {
    deps.warn('alarm robot: no webhook configured, message dropped', {
      records: event.Records.length,
    });
    return 0;
  }
  let posted = 0;
  for (const record of event.Records) {
    const res = await deps.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(robotMessage(record.Sns.Message, record.Sns.Subject ?? undefined)),
    });
    const body = (await res.json().catch(() => ({}))) as { errcode?: number; errmsg?: string };
    if (!res.ok || (body.errcode ?? -1) !== 0) {
      throw new Error(
        `WeCom robot refused the alarm: HTTP ${res.status}, errcode ${String(body.errcode)} ${body.errmsg ?? ''}`,
      );
    }
    posted++;
  }
  return posted;
}

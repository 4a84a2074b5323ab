import { AppError } from '@factory/shared';

/** WeCom error codes this product reacts to (match on errcode only, never on errmsg). */
export const WECOM = {
  ok: 0,
  badSecret: 40001,
  badCorpId: 40013,
  invalidToken: 40014,
  invalidCode: 40029,
  badAgentId: 40056,
  invalidParameter: 40058,
  secretInvalid: 40091,
  missingToken: 41001,
  expiredToken: 42001,
  sessionExpired: 42013,
  emptyContent: 44004,
  freqLimit: 45009,
  concurrentLimit: 45033,
  noApiRights: 48002,
  untrustedIp: 60020,
  userNotFound: 60111,
  noValidRecipient: 81013,
} as const;

/** Refetch the token and retry once. */
export const TOKEN_ERRORS: ReadonlySet<number> = new Set([WECOM.invalidToken, WECOM.expiredToken]);
/** Back off (bounded, jittered) and retry. */
export const THROTTLE_ERRORS: ReadonlySet<number> = new Set([
  WECOM.freqLimit,
  WECOM.concurrentLimit,
]);

/**
 * A WeCom API call answered with a non-zero errcode. It is an AppError (`wecom.apiError`,
 * 502) so an unhandled one still becomes a clean response; callers that expect a particular
 * errcode (a bad login code) catch it and map it to their own error.
 */
export class WecomError extends AppError {
  constructor(
    readonly api: string,
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    const { message, hint } = describe(errcode, errmsg);
    super('wecom.apiError', message, { api, errcode, errmsg, ...(hint ? { hint } : {}) });
  }
}

export function isWecomError(err: unknown, errcode?: number): err is WecomError {
  return err instanceof WecomError && (errcode === undefined || err.errcode === errcode);
}

/** The source IP WeCom names in errmsg ("... from ip: 1.2.3.4, more info ..."), if any. */
export function ipFromErrmsg(errmsg: string): string | undefined {
  return /from ip:\s*([0-9a-fA-F.:]+)/.exec(errmsg)?.[1];
}

function describe(errcode: number, errmsg: string): { message: string; hint?: string } {
  switch (errcode) {
    case WECOM.untrustedIp: {
      const ip = ipFromErrmsg(errmsg);
      return {
        message: `企业微信拒绝了本服务的出口 IP${ip ? ` ${ip}` : ''}（60020：IP 不在企业可信IP中），请把 NAT 网关的全部弹性 IP（EIP）加入应用的「企业可信IP」`,
        hint: `WeCom 60020: the calling IP${ip ? ` ${ip}` : ''} is not trusted. Add every NAT gateway Elastic IP of the Lambda VPC to the app's 企业可信IP (trusted IPs) in the WeCom admin console.`,
      };
    }
    case WECOM.invalidCode:
      return {
        message: '企业微信登录凭证无效、已过期或已使用（40029），请重新登录',
        hint: 'WeCom 40029: invalid code (codes are single-use and expire after 5 minutes).',
      };
    case WECOM.invalidToken:
    case WECOM.expiredToken:
      return { message: `企业微信 access_token 无效或已过期（${errcode}）` };
    case WECOM.freqLimit:
    case WECOM.concurrentLimit:
      return { message: `企业微信接口调用过于频繁（${errcode}），请稍后重试` };
    case WECOM.badSecret:
    case WECOM.secretInvalid:
    case WECOM.badCorpId:
      return {
        message: `企业微信应用配置有误（${errcode}：corpid 或 secret 不正确）`,
        hint: `WeCom ${errcode}: check corpId and the app secret in the WeCom app configuration.`,
      };
    case WECOM.noValidRecipient:
      return { message: '消息的接收人都不在应用的可见范围内（81013）' };
    case WECOM.noApiRights:
      return { message: '应用没有调用此接口的权限（48002）' };
    default:
      return { message: `企业微信接口返回错误 ${errcode}：${errmsg}` };
  }
}

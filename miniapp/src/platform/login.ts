import type { WecomLoginRequest, WecomLoginResponse } from '@factory/shared';
import { loadConfig, type DemoUser } from './config';
import { IS_H5, IS_WEAPP } from './env';
import { ApiError, apiRequest } from './request';
import { clearSession, saveSession, type AppSession } from './session';

/** In WeCom: wx.qy.login gives a code, our API turns it into a session (jscode2session). */
export async function loginInWeCom(): Promise<AppSession> {
  return exchange(await qyLoginCode());
}

/** H5 (local runtime, tests): the WeCom simulator issues a code for the chosen demo user. */
export async function loginAsDemoUser(userid: string): Promise<AppSession> {
  const config = await loadConfig();
  if (!config.simulatorUrl) throw new ApiError(0, 'config.missing', '未配置企业微信模拟器地址');
  const { code } = await apiRequest<{ code: string }>({
    method: 'POST',
    path: `${config.simulatorUrl}/sim/api/login-code`,
    body: { corpid: config.corpid, userid },
    auth: false,
    idempotent: false,
  });
  return exchange(code, config.corpid);
}

/** The demo users the H5 login page offers (from the runtime's config.json). */
export async function demoUsers(): Promise<DemoUser[]> {
  return (await loadConfig()).demoUsers ?? [];
}

/** How this build signs in: 'wecom' in the mini-program, 'demo' in H5. */
export const loginMode = (): 'wecom' | 'demo' => (IS_H5 ? 'demo' : 'wecom');

export function logout(): void {
  clearSession();
}

async function exchange(code: string, corpId?: string): Promise<AppSession> {
  const body: WecomLoginRequest = { code, ...(corpId ? { corpId } : {}) };
  const res = await apiRequest<WecomLoginResponse>({
    method: 'POST',
    path: '/api/auth/wecom/login',
    body,
    auth: false,
    // A login code is single-use: a retry would be refused anyway; the code is its own guard.
    idempotent: false,
  });
  const session: AppSession = {
    token: res.token,
    user: res.user,
    name: res.name,
    roles: res.roles,
    tenant: res.tenant,
    expiresAt: res.expiresAt,
  };
  saveSession(session);
  return session;
}

function qyLoginCode(): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!IS_WEAPP || typeof wx === 'undefined' || wx.getSystemInfoSync().environment !== 'wxwork') {
      reject(new ApiError(0, 'auth.notWeCom', '请在企业微信中打开本小程序'));
      return;
    }
    wx.qy.login({
      success: (res) => resolve(res.code),
      fail: (err) =>
        reject(new ApiError(0, 'auth.wecomLoginFailed', `企业微信登录失败：${err.errMsg ?? ''}`)),
    });
  });
}

import {
  AppError,
  type Session,
  type WecomLoginRequest,
  type WecomLoginResponse,
} from '@factory/shared';
import { getSigningKey } from '../auth/signingKey.js';
import { mintSessionToken } from '../auth/tokens.js';
import type { Deps } from '../deps.js';
import { userRepo } from '../store/userRepo.js';
import { defaultCorpId } from '../wecom/apps.js';
import { wecomClient } from '../wecom/client.js';
import { isWecomError, WECOM } from '../wecom/errors.js';

/**
 * Mini-program login: the wx.qy.login code -> jscode2session (with the token of the corp's
 * app) -> the product user -> our own session token. session_key stays on the server.
 */
export async function wecomLogin(
  deps: Deps,
  input: WecomLoginRequest,
): Promise<WecomLoginResponse> {
  const corpId = input.corpId ?? (await defaultCorpId(deps.config));
  const client = await wecomClient(deps, corpId);
  let identity;
  try {
    identity = await client.jscode2session(input.code);
  } catch (err) {
    if (isWecomError(err, WECOM.invalidCode) || isWecomError(err, WECOM.sessionExpired)) {
      throw new AppError('auth.invalidCode', '登录凭证无效或已使用，请重新登录', {
        errcode: err.errcode,
      });
    }
    throw err;
  }
  // Several corps may link one mini-program: the code must belong to the corp asked for.
  if (identity.corpId !== corpId) {
    throw new AppError('auth.corpMismatch', '登录的企业与应用所属企业不一致', {
      corpId,
      codeCorpId: identity.corpId,
    });
  }
  const user = await userRepo(deps, corpId).get(identity.userId);
  if (!user) {
    throw new AppError('auth.unknownUser', '你还不是本系统的用户，请联系管理员开通', {
      tenant: corpId,
      user: identity.userId,
    });
  }
  if (!user.active) {
    throw new AppError('auth.userInactive', '你的账号已停用，请联系管理员', {
      tenant: corpId,
      user: identity.userId,
    });
  }
  if (!user.roles.length) {
    throw new AppError('auth.forbidden', '你的账号还没有分配角色，请联系管理员', {
      tenant: corpId,
      user: user.userid,
    });
  }
  const session: Session = {
    tenant: corpId,
    user: user.userid,
    name: user.name,
    roles: user.roles,
  };
  const minted = await mintSessionToken(
    await getSigningKey(deps.config),
    session,
    deps.clock.now(),
  );
  return {
    token: minted.token,
    expiresAt: minted.expiresAt,
    tenant: corpId,
    user: user.userid,
    name: user.name,
    roles: user.roles,
  };
}

import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { AppError, type RouteContract, type Session } from '@factory/shared';
import { getVerifyKey, refreshVerifyKey } from '../auth/secret.js';
import { SignatureMismatch, unauthenticated, verifySessionToken } from '../auth/tokens.js';
import type { Deps } from '../deps.js';

/** Resolves the caller from the bearer token and checks the route's roles. */
export async function authenticate(
  route: RouteContract,
  event: APIGatewayProxyEventV2,
  deps: Deps,
  now: Date,
): Promise<Session | undefined> {
  if (route.auth === 'public') return undefined;
  const header = event.headers?.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw unauthenticated();
  const session = await verify(deps, match[1]!, now);
  const allowed = route.auth;
  if (!session.roles.some((r) => allowed.includes(r))) {
    throw new AppError('auth.forbidden', '没有权限执行此操作', {
      requiredRoles: allowed,
      roles: session.roles,
    });
  }
  return session;
}

/**
 * Checks the token with the cached public key; a signature that does not verify is checked
 * once more with the key read again (a rotated key pair, seen before the cache's 5 minutes).
 */
async function verify(deps: Deps, token: string, now: Date): Promise<Session> {
  try {
    return await verifySessionToken(await getVerifyKey(deps.config), token, now);
  } catch (err) {
    if (!(err instanceof SignatureMismatch)) throw err;
    return verifySessionToken(await refreshVerifyKey(deps.config), token, now);
  }
}

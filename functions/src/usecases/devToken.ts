import { AppError } from '@factory/shared';
import { getSigningKey } from '../auth/signingKey.js';
import { demoSession } from '../auth/demoUsers.js';
import { mintSessionToken } from '../auth/tokens.js';
import type { Deps } from '../deps.js';

/** Local runtime only: a token for a demo user, until the WeCom login exists. */
export async function devToken(deps: Deps, input: { user: string; tenant?: string }) {
  if (deps.config.stage !== 'local') throw new AppError('route.notFound', '接口不存在');
  const session = demoSession(input.user, input.tenant);
  if (!session) {
    throw new AppError('request.invalid', '演示用户不存在', undefined, [
      { path: ['body', 'user'], message: `演示用户不存在：${input.user}` },
    ]);
  }
  const key = await getSigningKey(deps.config);
  const minted = await mintSessionToken(key, session, deps.clock.now());
  return { ...minted, session };
}

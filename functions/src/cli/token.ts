import { AppError } from '@factory/shared';
import { DEMO_TENANT, demoSession } from '../auth/demoUsers.js';
import { configuredClock } from '../deps.js';
import { mintSessionToken, sessionKeyPair } from '../auth/tokens.js';
import type { Args } from './args.js';
import { readSessionSecret } from './localStore.js';

/** Prints a session token for a demo user, signed with the local store's key. */
export async function tokenCommand(args: Args): Promise<number> {
  const user = args.positional[0] ?? 'admin';
  const tenant = String(args.flags.get('tenant') ?? DEMO_TENANT);
  const session = demoSession(user, tenant);
  if (!session) throw new AppError('request.invalid', `演示用户不存在：${user}`);
  const secret = readSessionSecret();
  if (!secret)
    throw new AppError('request.invalid', '本地数据目录还没有签名密钥：请先运行一次 npm start');
  const { token } = await mintSessionToken(
    sessionKeyPair(secret).privateKey,
    session,
    configuredClock().now(),
  );
  process.stdout.write(`${token}\n`);
  return 0;
}

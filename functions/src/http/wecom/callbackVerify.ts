import type { WecomVerifyQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { verifyCallbackUrl } from '../../wecom/callback.js';

/** WeCom URL verification: answers the decrypted echostr as plain text. */
export const handler = httpRoute<unknown, WecomVerifyQuery>(
  'wecom.callbackVerify',
  ({ deps, query, now }) => verifyCallbackUrl(deps, query, now),
);

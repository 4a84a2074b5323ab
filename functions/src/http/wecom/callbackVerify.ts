import type { WecomVerifyQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { verifyCallbackUrl } from '../../wecom/callback.js';
import { logRefusal } from '../../wecom/refusals.js';

/** WeCom URL verification: answers the decrypted echostr as plain text. */
export const route = httpRoute<unknown, WecomVerifyQuery>(
  'wecom.callbackVerify',
  ({ deps, query, now, requestId }) =>
    verifyCallbackUrl(deps, query, now).catch((err: unknown) => {
      logRefusal('urlVerification', err, requestId);
      throw err;
    }),
);

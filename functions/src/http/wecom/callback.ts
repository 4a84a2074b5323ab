import type { WecomCallbackQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { receiveCallback } from '../../wecom/callback.js';
import { logRefusal } from '../../wecom/refusals.js';

/** WeCom events: verified, de-duplicated, handed to the processor, acked with an empty 200. */
export const route = httpRoute<string, WecomCallbackQuery>(
  'wecom.callback',
  async ({ deps, query, body, now, requestId }) => {
    try {
      await receiveCallback(deps, query, body, now);
    } catch (err) {
      logRefusal('event', err, requestId);
      throw err;
    }
    return '';
  },
);

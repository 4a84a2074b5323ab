import type { WecomCallbackQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { receiveCallback } from '../../wecom/callback.js';

/** WeCom events: verified, de-duplicated, handed to the processor, acked with an empty 200. */
export const handler = httpRoute<string, WecomCallbackQuery>(
  'wecom.callback',
  async ({ deps, query, body, now }) => {
    await receiveCallback(deps, query, body, now);
    return '';
  },
);

import { isAppError } from '@factory/shared';
import { approvals } from '../composition/approvals.js';
import { getDeps, wire } from '../deps.js';
import { WecomError } from './errors.js';
import type { CallbackJob } from './dispatcher.js';
import { processCallback } from './processor.js';

wire(approvals);

/**
 * The processor Lambda: invoked asynchronously by the callback route after it acked WeCom.
 * A thrown error makes Lambda retry the job (twice); a business refusal (an approval already
 * decided) is an AppError from the engine and is logged, not retried. WeCom errors (a card
 * update refused for throttling, say) are retried.
 */
export const handler = async (job: CallbackJob) => {
  try {
    return await processCallback(getDeps(), job);
  } catch (err) {
    if (isAppError(err) && !(err instanceof WecomError)) {
      console.warn(
        JSON.stringify({
          level: 'warn',
          message: 'wecom callback refused',
          tenant: job.tenant,
          code: err.code,
          error: err.message,
        }),
      );
      return { kind: 'refused', code: err.code, error: err.message };
    }
    throw err;
  }
};

import { getDeps } from '../deps.js';
import type { CallbackJob } from './dispatcher.js';
import { processCallback } from './processor.js';

/**
 * The processor Lambda: invoked asynchronously by the callback route after it acked WeCom.
 * A thrown error makes Lambda retry the job (twice); a business refusal (an approval already
 * decided) is an AppError from the engine and is logged, not retried.
 */
export const handler = async (job: CallbackJob) => {
  try {
    return await processCallback(getDeps(), job);
  } catch (err) {
    if (err instanceof Error && err.name === 'AppError') {
      console.warn(
        JSON.stringify({
          level: 'warn',
          message: 'wecom callback refused',
          tenant: job.tenant,
          error: err.message,
        }),
      );
      return { kind: 'refused', error: err.message };
    }
    throw err;
  }
};

import { isAppError } from '@factory/shared';
import { approvals } from '../composition/approvals.js';
import { getDeps, wire } from '../deps.js';
import { WecomError } from './errors.js';
import type { CallbackJob } from './dispatcher.js';
import { processCallback } from './processor.js';
import { log, withRequestFields } from '../telemetry/log.js';

wire(approvals);

/**
 * The processor Lambda: invoked asynchronously by the callback route after it acked WeCom.
 * A thrown error makes Lambda retry the job (twice); a business refusal (an approval already
 * decided) is an AppError from the engine and is logged, not retried. WeCom errors (a card
 * update refused for throttling, say) are retried.
 */
export const handler = (job: CallbackJob, context?: { awsRequestId?: string }) =>
  withRequestFields(
    {
      route: 'wecom.processor',
      tenant: job.tenant,
      ...(context?.awsRequestId ? { request_id: context.awsRequestId } : {}),
    },
    async () => {
      try {
        return await processCallback(getDeps(), job);
      } catch (err) {
        if (isAppError(err) && !(err instanceof WecomError)) {
          log.warn('wecom callback refused', { code: err.code, error: err.message });
          return { kind: 'refused', code: err.code, error: err.message };
        }
        throw err;
      }
    },
  );

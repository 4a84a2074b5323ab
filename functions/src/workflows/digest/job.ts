// The daily digest's job Lambda (docs/digest.md): an EventBridge rule invokes it every hour;
// it writes each due subscriber's digest to the outbox, which the outbox worker delivers.
// Not an area: it serves no route.
import { getDeps } from '../../deps.js';
import { runDigestJob } from '../../usecases/digest/job.js';
import { withRequestFields } from '../../telemetry/log.js';

/** A thrown error fails the invocation (logged); the next hour makes up what was missed. */
export const handler = (_event: unknown, context?: { awsRequestId?: string }) =>
  withRequestFields(
    {
      route: 'digest.job',
      ...(context?.awsRequestId ? { request_id: context.awsRequestId } : {}),
    },
    () => runDigestJob(getDeps()),
  );

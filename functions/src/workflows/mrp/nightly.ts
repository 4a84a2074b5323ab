// The nightly full MRP run's Lambda (infra NightlyMrp): an EventBridge schedule invokes it;
// it starts a full run per tenant. Not an area and not a task of the MRP workflow: it starts
// executions of it.
import { getDeps, wire } from '../../deps.js';
import { stepFunctions } from '../../composition/workflows.js';
import { runNightlyPlans } from '../../usecases/mrp/nightly.js';
import { withRequestFields } from '../../telemetry/log.js';

wire(stepFunctions);

/** A thrown error fails the invocation (logged); the next night plans again. */
export const handler = (_event: unknown, context?: { awsRequestId?: string }) =>
  withRequestFields(
    {
      route: 'mrp.nightly',
      ...(context?.awsRequestId ? { request_id: context.awsRequestId } : {}),
    },
    () => runNightlyPlans(getDeps()),
  );

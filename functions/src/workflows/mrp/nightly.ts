// The nightly full MRP run's Lambda (infra NightlyMrp): an EventBridge schedule invokes it;
// it starts a full run per tenant. Not an area and not a task of the MRP workflow: it starts
// executions of it.
import { getDeps, wire } from '../../deps.js';
import { stepFunctionsStarter } from '../starter.js';
import { runNightlyPlans } from '../../usecases/mrp/nightly.js';
import { withRequestFields } from '../../telemetry/log.js';

// It starts executions of the MRP state machine (MRP_STATE_MACHINE_ARN).
wire((config) => ({ workflows: stepFunctionsStarter(config) }));

/** A thrown error fails the invocation (logged); the next night plans again. */
export const handler = (_event: unknown, context?: { awsRequestId?: string }) =>
  withRequestFields(
    {
      route: 'mrp.nightly',
      ...(context?.awsRequestId ? { request_id: context.awsRequestId } : {}),
    },
    () => runNightlyPlans(getDeps()),
  );

import { getDeps, wire } from '../deps.js';
import { outboxDelivery } from '../composition/outbox.js';
import { AWS_OUTBOX_POLICY } from '../domain/outbox/index.js';
import { deliverDue, deliverOne } from '../usecases/outbox/worker.js';
import { runNightlyPlans, type NightlyResult } from '../usecases/mrp/nightly.js';
import { log } from '../telemetry/log.js';

/** Time kept back from the Lambda timeout: a sweep starts no pass after this. */
const SWEEP_MARGIN_MS = 20_000;

wire(outboxDelivery);

// The parts of Lambda's events this worker reads (the WeCom layer keeps off aws-lambda's types).
type StreamImage = Record<string, { S?: string; N?: string } | undefined>;
type DynamoDBStreamEvent = {
  Records: { dynamodb?: { NewImage?: StreamImage; SequenceNumber?: string } }[];
};
type ScheduledEvent = { source?: string; 'detail-type'?: string };
/** The nightly rule's constant input (infra NightlyMrp). */
type NightlyEvent = { nightlyMrp: true };
type DynamoDBBatchResponse = { batchItemFailures: { itemIdentifier: string }[] };
type Context = { getRemainingTimeInMillis(): number };

const options = { policy: AWS_OUTBOX_POLICY, workerId: 'aws' };

/**
 * The outbox worker in AWS, one function with two triggers:
 *
 * - the table's stream (NEW_IMAGE), filtered by the event source mapping to outbox records
 *   waiting for their first attempt (a new record, or one resent): each is delivered at
 *   once. A record that fails to be processed (the table unreachable; not a WeCom failure,
 *   which is recorded on the record and retried by the sweep) is reported as a batch item
 *   failure, so the stream hands it (and what follows it in the shard) to the function again;
 * - a schedule (every minute): a sweep over the `pending` index delivers what is due (retries
 *   after their backoff, records whose worker died mid-attempt once its lease ran out,
 *   anything the stream missed), pass after pass until nothing is due or time runs short;
 * - the nightly MRP rule (`{ nightlyMrp: true }`, 02:00 Shanghai): a full run for every tenant
 *   (`runNightlyPlans`). It lives here because this function already lists the tenants and
 *   starts MRP runs (net-change requests), and the stack is at its resource budget.
 */
export const handler = async (
  event: DynamoDBStreamEvent | ScheduledEvent | NightlyEvent,
  context?: Pick<Context, 'getRemainingTimeInMillis'>,
): Promise<DynamoDBBatchResponse | { attempted: number; passes: number } | NightlyResult> => {
  const deps = getDeps();
  if ('nightlyMrp' in event) return runNightlyPlans(deps);
  if ('Records' in event) {
    const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      const image = record.dynamodb?.NewImage;
      const tenant = image?.tenant?.S;
      const id = image?.id?.S;
      if (image?.type?.S !== 'outbox' || !tenant || !id) continue;
      try {
        await deliverOne(deps, { tenant, id }, options);
      } catch (err) {
        log.error('outbox stream record not processed', {
          tenant,
          id,
          error: err instanceof Error ? err.message : String(err),
        });
        batchItemFailures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
      }
    }
    return { batchItemFailures };
  }
  let attempted = 0;
  let passes = 0;
  const timeLeft = () => context?.getRemainingTimeInMillis() ?? Number.POSITIVE_INFINITY;
  while (timeLeft() > SWEEP_MARGIN_MS) {
    const pass = await deliverDue(deps, options);
    passes++;
    attempted += pass.attempted;
    if (pass.attempted === 0) break;
  }
  return { attempted, passes };
};

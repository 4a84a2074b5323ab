import { Duration } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import { wecomFunction } from './nodeFunction.js';

/** The module the outbox worker Lambda runs (stream batches and scheduled sweeps). */
export const OUTBOX_WORKER_ENTRY = fileURLToPath(
  new URL('../../../functions/src/wecom/outboxLambda.ts', import.meta.url),
);

/** How often the sweep looks for retries that are due (the stream fires only on writes). */
export const OUTBOX_SWEEP_RATE = Duration.minutes(1);

/**
 * What the stream hands the worker: outbox records waiting for their first attempt (new, or
 * resent after failing; `attempts` is 0 only then). The worker's own writes (its claim counts
 * the attempt, retries and deliveries) and every other record of the table never invoke it.
 */
export const OUTBOX_STREAM_FILTER = FilterCriteria.filter({
  eventName: FilterRule.or('INSERT', 'MODIFY'),
  dynamodb: {
    NewImage: {
      type: { S: FilterRule.isEqual('outbox') },
      status: { S: FilterRule.isEqual('pending') },
      // Stream images carry numbers as text.
      attempts: { N: FilterRule.isEqual('0') },
    },
  },
});

/**
 * The outbox worker: delivers the WeCom messages (approval cards and their updates, texts,
 * completion notices) that use cases write to the outbox in their business transactions.
 * One function, two triggers: the table's stream (filtered to new outbox records; batch item
 * failures reported; retried 3 times, the sweep catching anything dropped) and an EventBridge
 * rule every minute for retries whose backoff has passed and claims whose lease ran out. It
 * reads and writes the table (the `pending` index included) and reads the WeCom secret; like
 * the processor it calls WeCom, so it belongs in the VPC with the NAT EIPs once there is one
 * (see infra/README.md, trusted IPs).
 */
export class OutboxWorker extends Construct {
  readonly fn: NodejsFunction;
  readonly sweep: Rule;

  constructor(
    scope: Construct,
    id: string,
    props: {
      table: Table;
      wecomSecret: ISecret;
      serviceVersion: string;
      /** Where a stream batch that failed every retry is recorded (issue 19, operations.ts). */
      failureQueue?: IQueue;
    },
  ) {
    super(scope, id);
    // Its 60 s timeout is shorter than the records' lease (2 min, AWS_OUTBOX_POLICY), so a
    // timed-out attempt is never taken over while it still runs.
    this.fn = wecomFunction(this, {
      description: 'Outbox worker: delivers WeCom cards and messages written with business changes',
      roleDescription: 'Factory ERP outbox worker',
      entry: OUTBOX_WORKER_ENTRY,
      table: props.table,
      wecomSecret: props.wecomSecret,
      serviceVersion: props.serviceVersion,
    });
    this.fn.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.LATEST,
        batchSize: 10,
        maxBatchingWindow: Duration.seconds(1),
        reportBatchItemFailures: true,
        bisectBatchOnError: true,
        retryAttempts: 3,
        maxRecordAge: Duration.hours(1),
        filters: [OUTBOX_STREAM_FILTER],
        ...(props.failureQueue ? { onFailure: new SqsDlq(props.failureQueue) } : {}),
      }),
    );
    this.sweep = new Rule(this, 'Sweep', {
      description: 'Factory ERP outbox: deliver the WeCom messages whose next attempt is due',
      schedule: Schedule.rate(OUTBOX_SWEEP_RATE),
      targets: [new LambdaFunction(this.fn, { retryAttempts: 0 })],
    });
  }
}

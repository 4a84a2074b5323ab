import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import { wecomFunction } from './nodeFunction.js';

/** The module the digest job Lambda runs (functions/src/workflows/digest/job.ts). */
export const DIGEST_JOB_ENTRY = fileURLToPath(
  new URL('../../../functions/src/workflows/digest/job.ts', import.meta.url),
);

/** Every hour on the hour (UTC; the job reads each subscriber's hour on the Shanghai clock). */
export const DIGEST_SCHEDULE = 'cron(0 * * * ? *)';

/**
 * The daily digest's job (docs/digest.md): an EventBridge rule invokes it every hour; it
 * writes the digest of yesterday (Shanghai) to the outbox for every subscriber whose hour has
 * come, once per tenant, day and user (the outbox record's key), and the outbox worker
 * delivers it. It reads the WeCom secret only to list the tenants (those with an app) and
 * their mini-program; it calls no WeCom API itself. Not retried by EventBridge: the next hour
 * makes up a run that failed.
 */
export class DigestJob extends Construct {
  readonly fn: NodejsFunction;
  readonly schedule: Rule;

  constructor(
    scope: Construct,
    id: string,
    props: { table: Table; wecomSecret: ISecret; serviceVersion: string },
  ) {
    super(scope, id);
    this.fn = wecomFunction(this, {
      description: 'Daily digest job: writes the digests of the managers due to the outbox',
      roleDescription: 'Factory ERP daily digest job',
      entry: DIGEST_JOB_ENTRY,
      ...props,
    });
    this.schedule = new Rule(this, 'Hourly', {
      description: 'Factory ERP daily digest: every hour, the subscribers whose hour has come',
      schedule: Schedule.expression(DIGEST_SCHEDULE),
      targets: [new LambdaFunction(this.fn, { retryAttempts: 0 })],
    });
  }
}

import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import { wecomFunction } from './nodeFunction.js';
import { stateMachineArnVariable } from './workflow.js';

/** The module the nightly MRP Lambda runs (functions/src/workflows/mrp/nightly.ts). */
export const NIGHTLY_MRP_ENTRY = fileURLToPath(
  new URL('../../../functions/src/workflows/mrp/nightly.ts', import.meta.url),
);

/** 02:00 in Shanghai (UTC+8, no daylight saving) is 18:00 UTC the day before. */
export const NIGHTLY_MRP_SCHEDULE = 'cron(0 18 * * ? *)';

/**
 * The nightly regenerative MRP run (docs/planning.md, "Net change"): an EventBridge rule
 * invokes the function at 02:00 Shanghai time; it starts a full run of the MRP state machine
 * for every tenant (those with a WeCom app, read from the WeCom secret, as the digest job
 * finds them). Not retried by EventBridge: a tenant whose run fails keeps its marks for the
 * next net-change run, and the next night plans it in full.
 */
export class NightlyMrp extends Construct {
  readonly fn: NodejsFunction;
  readonly schedule: Rule;

  constructor(
    scope: Construct,
    id: string,
    props: { table: Table; wecomSecret: ISecret; serviceVersion: string; mrp: IStateMachine },
  ) {
    super(scope, id);
    this.fn = wecomFunction(this, {
      description: 'Nightly MRP: starts a full MRP run for every tenant',
      roleDescription: 'Factory ERP nightly MRP',
      entry: NIGHTLY_MRP_ENTRY,
      table: props.table,
      wecomSecret: props.wecomSecret,
      serviceVersion: props.serviceVersion,
    });
    props.mrp.grantStartExecution(this.fn);
    this.fn.addEnvironment(stateMachineArnVariable('mrp'), props.mrp.stateMachineArn);
    this.schedule = new Rule(this, 'Nightly', {
      description: 'Factory ERP: the nightly full MRP run, 02:00 Asia/Shanghai',
      schedule: Schedule.expression(NIGHTLY_MRP_SCHEDULE),
      targets: [new LambdaFunction(this.fn, { retryAttempts: 0 })],
    });
  }
}

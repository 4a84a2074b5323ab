import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import { wecomFunction } from './nodeFunction.js';

/** The module the processor Lambda runs (its `handler` takes one CallbackJob). */
export const WECOM_PROCESSOR_ENTRY = fileURLToPath(
  new URL('../../../functions/src/wecom/processorLambda.ts', import.meta.url),
);

/**
 * The WeCom callback processor: invoked asynchronously (InvocationType Event) by the callback
 * route once it has acked WeCom. Lambda retries a failed job twice; a job older than an hour
 * is dropped (the card's response code is good for 72 h, the approver can still decide in
 * the mini-program).
 */
export class WecomProcessor extends Construct {
  readonly fn: NodejsFunction;

  constructor(
    scope: Construct,
    id: string,
    props: {
      table: ITable;
      wecomSecret: ISecret;
      serviceVersion: string;
      /** Where a job that failed every retry goes (issue 19, operations.ts FailureQueue). */
      failureQueue?: IQueue;
    },
  ) {
    super(scope, id);
    this.fn = wecomFunction(this, {
      description: 'WeCom callback processor: card clicks -> approval decisions',
      roleDescription: 'Factory ERP WeCom callback processor',
      entry: WECOM_PROCESSOR_ENTRY,
      table: props.table,
      wecomSecret: props.wecomSecret,
      serviceVersion: props.serviceVersion,
    });
    this.fn.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(1),
      ...(props.failureQueue ? { onFailure: new SqsDestination(props.failureQueue) } : {}),
    });
  }
}

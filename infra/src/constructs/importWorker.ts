import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import { baseEnvironment, functionRole, nodeFunction } from './nodeFunction.js';
import { grantNeeds } from './roles.js';

/** The module the import worker Lambda runs (its `handler` takes one ImportJobRef). */
export const IMPORT_WORKER_ENTRY = fileURLToPath(
  new URL('../../../functions/src/workflows/imports/worker.ts', import.meta.url),
);

/**
 * The import worker: writes an accepted factory file (its records, then its opening stock)
 * outside the request, which answers 202 when the import outlasts its wait. Invoked
 * asynchronously by the masterData area; Lambda runs a job that crashed again twice (the job
 * resumes where it stopped). Its own role: the table, nothing else (no secret, no WeCom).
 * 15 minutes and 1 GB: a 20,000-item factory writes in well under a minute.
 */
export class ImportWorker extends Construct {
  readonly fn: NodejsFunction;

  constructor(
    scope: Construct,
    id: string,
    /** failureQueue: where a job that failed every retry goes (issue 19, operations.ts). */
    props: { table: ITable; serviceVersion: string; failureQueue?: IQueue },
  ) {
    super(scope, id);
    const role = functionRole(this, 'Role', 'Factory ERP import worker');
    grantNeeds(role, [IMPORT_WORKER_ENTRY], { table: props.table, secrets: {} });
    this.fn = nodeFunction(this, {
      description: 'Import worker: factory files accepted by POST /api/imports',
      entry: IMPORT_WORKER_ENTRY,
      memorySize: 1024,
      timeout: Duration.minutes(15),
      role,
      environment: baseEnvironment(props.table, props.serviceVersion),
    });
    this.fn.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      ...(props.failureQueue ? { onFailure: new SqsDestination(props.failureQueue) } : {}),
    });
  }
}

import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { areaFile } from '../../../functions/src/http/entries.js';
import { baseEnvironment, functionRole, nodeFunction } from './nodeFunction.js';

export type AreaFunctionProps = {
  area: string;
  /** What the area serves, for the function's description. */
  description: string;
  table: ITable;
  sessionSecret: ISecret;
  /** The WeCom apps' configuration (JSON), read once per container. */
  wecomSecret: ISecret;
  serviceVersion: string;
  /** A role with `routeRole`'s permissions (or more); usually the one all routes share. */
  role: IRole;
  /** Added to the common environment (e.g. a state machine ARN). */
  environment?: Record<string, string>;
  /** The log group all area functions share (streams are named after the function). */
  logGroup: ILogGroup;
  /** Files shipped beside the bundle (nodeFunction's `files`). */
  files?: Readonly<Record<string, string>>;
};

/**
 * The execution role of route functions: read/write on the table and its indexes (including
 * `dynamodb:DescribeTable`, which the health check uses), read on the session secret and on
 * the WeCom secret (login, approval cards and callbacks call WeCom).
 */
export function routeRole(
  scope: Construct,
  id: string,
  props: { table: ITable; sessionSecret: ISecret; wecomSecret: ISecret; description: string },
) {
  const role = functionRole(scope, id, props.description);
  props.table.grantReadWriteData(role);
  props.sessionSecret.grantRead(role);
  props.wecomSecret.grantRead(role);
  return role;
}

/**
 * One area, one Lambda: the area's router module (src/lambdas/<area>.ts), which the local
 * gateway also runs, in front of every handler of the area.
 */
export class AreaFunction extends Construct {
  readonly fn: NodejsFunction;

  constructor(scope: Construct, id: string, props: AreaFunctionProps) {
    super(scope, id);

    this.fn = nodeFunction(this, {
      description: props.description,
      entry: areaFile(props.area),
      memorySize: 512,
      // API Gateway HTTP APIs give up after 30 s; stop the function before that.
      timeout: Duration.seconds(29),
      role: props.role,
      logGroup: props.logGroup,
      ...(props.files ? { files: props.files } : {}),
      environment: {
        ...baseEnvironment(props.table, props.serviceVersion),
        SESSION_SECRET_ARN: props.sessionSecret.secretArn,
        WECOM_SECRET_ARN: props.wecomSecret.secretArn,
        ...props.environment,
      },
    });
  }
}

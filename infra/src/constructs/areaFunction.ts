import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { areaFile } from '../../../functions/src/http/entries.js';
import { baseEnvironment, functionRole, nodeFunction } from './nodeFunction.js';
import { grantNeeds, type DataAccess } from './roles.js';

export type AreaFunctionProps = {
  area: string;
  /** What the area serves, for the function's description. */
  description: string;
  table: ITable;
  serviceVersion: string;
  /** The area's own role (`areaRole`), with whatever the area starts or invokes added. */
  role: IRole;
  /** Added to the common environment (the secrets' ARNs, a state machine ARN…). */
  environment?: Record<string, string>;
  /** The log group all area functions share (streams are named after the function). */
  logGroup: ILogGroup;
  /** Files shipped beside the bundle (nodeFunction's `files`). */
  files?: Readonly<Record<string, string>>;
};

/**
 * The execution role of one area's function (issue 19: one role per area): what the area's
 * bundle does with the table and the secrets (roles.ts, grantNeeds); the caller adds what the
 * area starts or invokes. Answers the role and the environment naming its secrets.
 */
export function areaRole(
  scope: Construct,
  id: string,
  props: { area: string; access: DataAccess; description: string; leadingKeys?: readonly string[] },
) {
  const role = functionRole(scope, id, props.description);
  const environment = grantNeeds(
    role,
    [areaFile(props.area)],
    props.access,
    props.leadingKeys ? { leadingKeys: props.leadingKeys } : {},
  );
  return { role, environment };
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
        ...props.environment,
      },
    });
  }
}

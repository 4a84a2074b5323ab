import { DEFAULT_TABLE_NAME } from './store/table.js';

/**
 * Everything read from the environment, read in one place. Lambda gets these from CDK;
 * the local runtime sets them before it loads any handler.
 */
export type Config = {
  tableName: string;
  region: string;
  /** Set for the local embedded DynamoDB; absent in AWS. */
  dynamoEndpoint?: string;
  /** Local: the secret itself. AWS: read from Secrets Manager by ARN at cold start. */
  sessionSecret?: string;
  sessionSecretArn?: string;
  stage: 'local' | 'aws';
  version: string;
  /** State machines by workflow name (AWS only; locally workflows run in process). */
  stateMachines: { mrp?: string };
};

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    tableName: env.TABLE_NAME ?? DEFAULT_TABLE_NAME,
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'cn-north-1',
    dynamoEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    sessionSecret: env.SESSION_SECRET || undefined,
    sessionSecretArn: env.SESSION_SECRET_ARN || undefined,
    stage: env.STAGE === 'local' ? 'local' : 'aws',
    version: env.SERVICE_VERSION ?? '0.1.0',
    stateMachines: { ...(env.MRP_STATE_MACHINE_ARN ? { mrp: env.MRP_STATE_MACHINE_ARN } : {}) },
  };
}

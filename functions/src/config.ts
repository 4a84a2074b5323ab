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
  /**
   * Local only: the secret the session key pair and the share-link key are derived from.
   * AWS: the keys are read from Secrets Manager by ARN (auth/secret.ts, auth/signingKey.ts).
   */
  sessionSecret?: string;
  /** AWS, functions issuing tokens only: the secret holding the private key. */
  sessionSigningKeyArn?: string;
  /** AWS: the secret holding the public key every function verifies tokens with. */
  sessionPublicKeyArn?: string;
  /** AWS, functions making share links only: their HMAC key. */
  shareSecretArn?: string;
  stage: 'local' | 'aws';
  version: string;
  /** State machines by workflow name (AWS only; locally workflows run in process). */
  stateMachines: Partial<Record<'mrp' | 'costing', string>>;
  /** AWS: the Lambda that writes import jobs (invoked asynchronously by POST /api/imports). */
  importWorkerFunction?: string;
  /** AWS: the private bucket of attachment files (the office area). */
  attachmentBucket?: string;
  wecom: WecomConfig;
};

export const WECOM_DEFAULT_BASE_URL = 'https://qyapi.weixin.qq.com';

export type WecomConfig = {
  /** qyapi, or the local simulator (WECOM_BASE_URL). */
  baseUrl: string;
  /** Local: the apps' JSON itself (WECOM_APPS). AWS: a Secrets Manager secret holding it. */
  appsJson?: string;
  secretArn?: string;
  /** The corp a login without corpId belongs to (single-factory deployments). */
  defaultCorpId?: string;
  /** AWS: the Lambda that processes acked callbacks (invoked asynchronously). */
  processorFunction?: string;
};

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    tableName: env.TABLE_NAME ?? DEFAULT_TABLE_NAME,
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'cn-north-1',
    dynamoEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    sessionSecret: env.SESSION_SECRET || undefined,
    sessionSigningKeyArn: env.SESSION_SIGNING_KEY_ARN || undefined,
    sessionPublicKeyArn: env.SESSION_PUBLIC_KEY_ARN || undefined,
    shareSecretArn: env.SHARE_SECRET_ARN || undefined,
    stage: env.STAGE === 'local' ? 'local' : 'aws',
    version: env.SERVICE_VERSION ?? '0.1.0',
    stateMachines: {
      ...(env.MRP_STATE_MACHINE_ARN ? { mrp: env.MRP_STATE_MACHINE_ARN } : {}),
      ...(env.COSTING_STATE_MACHINE_ARN ? { costing: env.COSTING_STATE_MACHINE_ARN } : {}),
    },
    importWorkerFunction: env.IMPORT_WORKER_FUNCTION || undefined,
    attachmentBucket: env.ATTACHMENT_BUCKET || undefined,
    wecom: {
      baseUrl: (env.WECOM_BASE_URL || WECOM_DEFAULT_BASE_URL).replace(/\/+$/, ''),
      appsJson: env.WECOM_APPS || undefined,
      secretArn: env.WECOM_SECRET_ARN || undefined,
      defaultCorpId: env.WECOM_DEFAULT_CORP_ID || undefined,
      processorFunction: env.WECOM_PROCESSOR_FUNCTION || undefined,
    },
  };
}

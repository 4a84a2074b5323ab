import { Duration, Stack, Token, type IAspect } from 'aws-cdk-lib';
import { CfnStage, type HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { CfnLogGroup, LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { CfnStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct, type IConstruct } from 'constructs';
import { fileURLToPath } from 'node:url';
import { functionRole, nodeFunction } from './nodeFunction.js';

/**
 * How long any log of the stack is kept at least: 180 days. China's Cybersecurity Law
 * (art. 21) asks network operators to keep network logs for no less than six months.
 */
export const MIN_LOG_RETENTION_DAYS = 180;
export const LOG_RETENTION = RetentionDays.SIX_MONTHS;

/** The module the alarm robot Lambda runs. */
export const ALARM_ROBOT_ENTRY = fileURLToPath(
  new URL('../../../functions/src/wecom/alarmRobotLambda.ts', import.meta.url),
);

/** True when the stack is bound to a China region (partition aws-cn). */
export function isChinaRegion(scope: IConstruct): boolean {
  const region = Stack.of(scope).region;
  return !Token.isUnresolved(region) && region.startsWith('cn-');
}

/**
 * Raises every log group's retention to at least 180 days (a group that never expires is
 * left so). An aspect, so a log group added anywhere in the stack later is covered too.
 */
export class MinimumLogRetention implements IAspect {
  visit(node: IConstruct): void {
    if (!(node instanceof CfnLogGroup)) return;
    const days = node.retentionInDays;
    if (typeof days === 'number' && days < MIN_LOG_RETENTION_DAYS) {
      node.retentionInDays = MIN_LOG_RETENTION_DAYS;
    }
  }
}

/**
 * The services (CloudFormation type prefixes) the stack uses, each checked against "Getting
 * Started with Amazon Web Services in China" (region availability and implementation
 * differences) for Beijing (cn-north-1) and Ningxia (cn-northwest-1); infra/README.md, "China
 * regions", lists what was found. The partition test fails when the stack starts using a
 * service not on the list: check it, then add it.
 */
export const CHINA_CHECKED_SERVICES = [
  'AWS::ApiGatewayV2', // HTTP APIs, regional custom domains (ICP), no edge-optimized
  'AWS::Backup', // backup plans and vaults for DynamoDB (offered in Beijing and Ningxia)
  'AWS::CloudWatch', // alarms, composite alarms, metric math
  'AWS::DynamoDB', // tables, streams, PITR
  'AWS::EC2', // VPC, NAT gateway / instance, EIP, gateway endpoints
  'AWS::Events', // EventBridge schedules
  'AWS::IAM',
  'AWS::KMS', // customer-managed keys with rotation
  'AWS::Lambda', // nodejs22.x, arm64; no X-Ray integration (substituted below)
  'AWS::Logs', // log groups, metric filters
  'AWS::S3',
  'AWS::SNS',
  'AWS::SQS',
  'AWS::SecretsManager',
  'AWS::StepFunctions', // Standard workflows (no HTTPS task, unused)
] as const;

/**
 * What the China regions do not offer, taken out when the stack is bound to one: Lambda's
 * X-Ray integration ("not available in the China Regions", Getting Started with AWS in China,
 * Lambda) and, to be safe, the state machines' X-Ray tracing. Everything else the stack uses
 * is offered in cn-north-1 and cn-northwest-1 (infra/README.md, "China regions").
 */
export class ChinaRegionSubstitutions implements IAspect {
  visit(node: IConstruct): void {
    if (!isChinaRegion(node)) return;
    if (node instanceof CfnFunction) node.tracingConfig = undefined;
    if (node instanceof CfnStateMachine) node.tracingConfiguration = undefined;
  }
}

/**
 * Where failed asynchronous work ends up: the WeCom processor's and the import worker's
 * async invocations that failed every retry, and the outbox stream batches that failed every
 * retry (their records' metadata). Kept 14 days; the `FailedWork` alarm fires on the first.
 */
export class FailureQueue extends Construct {
  readonly queue: Queue;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.queue = new Queue(this, 'Queue', { retentionPeriod: Duration.days(14) });
  }
}

/**
 * The HTTP API's access log: one JSON line per request in its own log group (180 days).
 * HTTP APIs write it through API Gateway's service-linked role (no account setting).
 */
export function accessLogs(scope: Construct, httpApi: HttpApi): LogGroup {
  const group = new LogGroup(scope, 'ApiAccessLogs', { retention: LOG_RETENTION });
  const stage = httpApi.defaultStage?.node.defaultChild;
  if (!(stage instanceof CfnStage)) throw new Error('the HTTP API has no $default stage');
  stage.accessLogSettings = {
    destinationArn: group.logGroupArn,
    format: JSON.stringify({
      requestId: '$context.requestId',
      ip: '$context.identity.sourceIp',
      requestTime: '$context.requestTime',
      method: '$context.httpMethod',
      routeKey: '$context.routeKey',
      path: '$context.path',
      status: '$context.status',
      protocol: '$context.protocol',
      responseLength: '$context.responseLength',
      responseLatency: '$context.responseLatency',
      integrationLatency: '$context.integrationLatency',
      integrationError: '$context.integrationErrorMessage',
      error: '$context.error.message',
      userAgent: '$context.identity.userAgent',
    }),
  };
  return group;
}

/**
 * The WeCom group robot (群机器人) the alarms also go to: a small Lambda subscribed to the
 * alarm topic that posts each notification to the robot's webhook (functions/src/wecom/
 * alarmRobot.ts). The webhook URL is kept in a secret created with a placeholder
 * (`{"webhookUrl": ""}`: put the robot's URL there, see the README). Outside the VPC: a
 * robot needs no trusted IP, and the alarm of a NAT that is down still gets through.
 */
export class AlarmRobot extends Construct {
  readonly secret: Secret;
  readonly fn: NodejsFunction;

  constructor(scope: Construct, id: string, props: { topic: ITopic; serviceVersion: string }) {
    super(scope, id);
    this.secret = new Secret(this, 'WebhookSecret', {
      description:
        'Factory ERP alarm robot: {"webhookUrl":"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=..."}',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ webhookUrl: '' }),
        generateStringKey: 'placeholder',
        excludePunctuation: true,
      },
    });
    const role = functionRole(this, 'Role', 'Factory ERP alarm robot');
    this.secret.grantRead(role);
    this.fn = nodeFunction(this, {
      description: 'Alarm robot: posts the alarm topic to the WeCom group robot',
      entry: ALARM_ROBOT_ENTRY,
      memorySize: 128,
      timeout: Duration.seconds(15),
      role,
      environment: {
        ALARM_ROBOT_SECRET_ARN: this.secret.secretArn,
        SERVICE_VERSION: props.serviceVersion,
        NODE_OPTIONS: '--enable-source-maps',
      },
    });
    props.topic.addSubscription(new LambdaSubscription(this.fn));
  }
}

import { Aspects, Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, Pass, StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Alarms, LOG_METRIC } from './alarms.js';
import {
  ChinaRegionSubstitutions,
  FailureQueue,
  MIN_LOG_RETENTION_DAYS,
  MinimumLogRetention,
  accessLogs,
} from './operations.js';
import { PARTITIONS, arnPartitions, inlineFunction, testStack } from './testStacks.js';

type Resource = { Type: string; Properties: Record<string, unknown> };

/** A stack with what the operations constructs watch: functions, logs, a workflow, a queue. */
function build(region: string | undefined) {
  // The robot's function is not bundled here (the stack test bundles it).
  const stack = testStack(region, { 'aws:cdk:bundling-stacks': [] });
  const fn = inlineFunction(stack, 'Fn');
  new LambdaTraced(stack);
  const httpApi = new HttpApi(stack, 'Api');
  httpApi.addRoutes({
    path: '/api/health',
    methods: [HttpMethod.ANY],
    integration: new HttpLambdaIntegration('Health', fn),
  });
  const routeLogs = new LogGroup(stack, 'RouteLogs', { retention: RetentionDays.ONE_MONTH });
  const outboxLogs = new LogGroup(stack, 'OutboxLogs', { retention: RetentionDays.ONE_WEEK });
  const machine = new StateMachine(stack, 'Mrp', {
    definitionBody: DefinitionBody.fromChainable(new Pass(stack, 'Pass')),
    tracingEnabled: true,
    timeout: Duration.minutes(5),
  });
  const failures = new FailureQueue(stack, 'FailedWork');
  accessLogs(stack, httpApi);
  const alarms = new Alarms(stack, 'Alarms', {
    httpApi,
    errorLogGroups: [routeLogs, outboxLogs, routeLogs],
    wecomLogGroups: [routeLogs, outboxLogs],
    stateMachines: new Map([['mrp', machine]]),
    failureQueue: failures.queue,
    robot: { serviceVersion: '1.2.3' },
  });
  Aspects.of(stack).add(new MinimumLogRetention());
  Aspects.of(stack).add(new ChinaRegionSubstitutions());
  const template = Template.fromStack(stack);
  const resources = (type: string) =>
    Object.entries(template.findResources(type) as Record<string, Resource>);
  return { stack, alarms, template, resources };
}

/** A second function, traced like the stack's (nodeFunction sets Tracing.ACTIVE). */
class LambdaTraced {
  constructor(stack: ReturnType<typeof testStack>) {
    const fn = inlineFunction(stack, 'Traced');
    (fn.node.defaultChild as { tracingConfig?: unknown }).tracingConfig = { mode: Tracing.ACTIVE };
  }
}

describe.each(PARTITIONS)('operations in $name ($region)', ({ region, partition }) => {
  const { template, resources } = build(region);
  const china = partition === 'aws-cn';
  const alarmNamed = (prefix: string) =>
    resources('AWS::CloudWatch::Alarm').filter(([id]) => id.startsWith(`Alarms${prefix}`));

  it('counts ERROR lines of each watched log group once, and alarms on them', () => {
    const filters = resources('AWS::Logs::MetricFilter').filter(
      ([, f]) =>
        (f.Properties.MetricTransformations as { MetricName: string }[])[0]!.MetricName ===
        LOG_METRIC.errorLogLines,
    );
    expect(filters).toHaveLength(2);
    for (const [, f] of filters) {
      expect(f.Properties.FilterPattern).toBe('{ $.level = "ERROR" }');
      expect(f.Properties.MetricTransformations).toEqual([
        { MetricNamespace: 'FactoryErp', MetricName: 'ErrorLogLines', MetricValue: '1' },
      ]);
    }
    expect(alarmNamed('ErrorLogLines')).toHaveLength(1);
  });

  it('counts WeCom 60020 answers (an EIP missing from 企业可信IP) and alarms on them', () => {
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ $.errcode = 60020 }',
      MetricTransformations: [Match.objectLike({ MetricName: 'WecomUntrustedIp' })],
    });
    expect(alarmNamed('WecomUntrustedIp')[0]![1].Properties).toMatchObject({
      Namespace: 'FactoryErp',
      MetricName: 'WecomUntrustedIp',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('alarms on failed, timed-out and aborted workflow executions', () => {
    const [[, alarm]] = alarmNamed('WorkflowFailedMrp') as [[string, Resource]];
    const names = (
      alarm.Properties.Metrics as { MetricStat?: { Metric: { MetricName: string } } }[]
    )
      .filter((m) => m.MetricStat)
      .map((m) => m.MetricStat!.Metric.MetricName)
      .sort();
    expect(names).toEqual(['ExecutionsAborted', 'ExecutionsFailed', 'ExecutionsTimedOut']);
  });

  it('alarms on Lambda throttles of every function', () => {
    const [[, alarm]] = alarmNamed('FunctionThrottles1') as [[string, Resource]];
    const watched = (
      alarm.Properties.Metrics as { MetricStat?: { Metric: { MetricName: string } } }[]
    )
      .filter((m) => m.MetricStat)
      .map((m) => m.MetricStat!.Metric.MetricName);
    // Fn, Traced and the robot.
    expect(watched).toEqual(['Throttles', 'Throttles', 'Throttles']);
  });

  it('sends failed async work to a queue kept 14 days, and alarms on its first message', () => {
    template.hasResourceProperties('AWS::SQS::Queue', { MessageRetentionPeriod: 14 * 24 * 3600 });
    expect(alarmNamed('FailedWork')[0]![1].Properties).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 1,
    });
  });

  it('joins every alarm in the composite, which notifies the topic on alarm and on recovery', () => {
    const [[, composite]] = resources('AWS::CloudWatch::CompositeAlarm') as [[string, Resource]];
    const rule = JSON.stringify(composite.Properties.AlarmRule);
    for (const [id] of resources('AWS::CloudWatch::Alarm')) expect(rule).toContain(id);
    const [topic] = Object.keys(template.findResources('AWS::SNS::Topic'));
    expect(composite.Properties.AlarmActions).toEqual([{ Ref: topic }]);
    expect(composite.Properties.OKActions).toEqual([{ Ref: topic }]);
  });

  it('posts the topic to the WeCom group robot, its webhook in a secret', () => {
    const [[robotId, robot]] = resources('AWS::Lambda::Function').filter(([, f]) =>
      String(f.Properties.Description).startsWith('Alarm robot'),
    ) as [[string, Resource]];
    const [[secretId]] = resources('AWS::SecretsManager::Secret') as [[string, Resource]];
    expect(robot.Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      MemorySize: 128,
      Environment: { Variables: { ALARM_ROBOT_SECRET_ARN: { Ref: secretId } } },
    });
    // Outside the VPC: a robot needs no trusted IP and must report a NAT that is down.
    expect(robot.Properties.VpcConfig).toBeUndefined();
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      Endpoint: { 'Fn::GetAtt': [robotId, 'Arn'] },
    });
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ SecretStringTemplate: '{"webhookUrl":""}' }),
    });
    // Its role reads that secret and nothing else (besides writing its X-Ray traces).
    const roleId = (robot.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0];
    type Statement = { Action: string | string[]; Resource: unknown };
    const statements = resources('AWS::IAM::Policy')
      .filter(([, p]) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
      .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
      .filter((s) => ![s.Action].flat().every((a) => a.startsWith('xray:')));
    expect(statements.map((s) => s.Resource)).toEqual([{ Ref: secretId }]);
  });

  it('writes a JSON access log line per request to its own log group', () => {
    const [[logsId]] = resources('AWS::Logs::LogGroup').filter(([id]) =>
      id.startsWith('ApiAccessLogs'),
    ) as [[string, Resource]];
    const [[, stage]] = resources('AWS::ApiGatewayV2::Stage') as [[string, Resource]];
    const settings = stage.Properties.AccessLogSettings as {
      DestinationArn: unknown;
      Format: string;
    };
    expect(settings.DestinationArn).toEqual({ 'Fn::GetAtt': [logsId, 'Arn'] });
    expect(JSON.parse(settings.Format)).toMatchObject({
      requestId: '$context.requestId',
      ip: '$context.identity.sourceIp',
      routeKey: '$context.routeKey',
      status: '$context.status',
    });
  });

  it(`keeps every log group at least ${MIN_LOG_RETENTION_DAYS} days (Cybersecurity Law art. 21)`, () => {
    for (const [, group] of resources('AWS::Logs::LogGroup')) {
      expect(group.Properties.RetentionInDays).toBeGreaterThanOrEqual(MIN_LOG_RETENTION_DAYS);
    }
  });

  it(china ? 'leaves X-Ray out (not offered for Lambda in China)' : 'traces with X-Ray', () => {
    const traced = resources('AWS::Lambda::Function').filter(([id]) => id.startsWith('Traced'));
    expect(traced).toHaveLength(1);
    if (china) {
      expect(traced[0]![1].Properties.TracingConfig).toBeUndefined();
      template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
        TracingConfiguration: Match.absent(),
      });
    } else {
      expect(traced[0]![1].Properties.TracingConfig).toEqual({ Mode: 'Active' });
      template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
        TracingConfiguration: { Enabled: true },
      });
    }
  });

  it(`uses only ${partition} ARNs`, () => {
    expect(arnPartitions(template).filter((p) => p !== `arn:${partition}:`)).toEqual([]);
  });
});

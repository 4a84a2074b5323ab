import { Duration, Stack } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  AlarmRule,
  ComparisonOperator,
  CompositeAlarm,
  MathExpression,
  Metric,
  TreatMissingData,
  type IAlarm,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterPattern, MetricFilter, type ILogGroup } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { METRIC, METRICS_NAMESPACE, SERVICE } from '../../../functions/src/telemetry/names.js';
import { AlarmRobot } from './operations.js';

/** Metrics made from log lines by metric filters (no dimension), in METRICS_NAMESPACE. */
export const LOG_METRIC = {
  /** Any `"level":"ERROR"` line of the watched log groups. */
  errorLogLines: 'ErrorLogLines',
  /** WeCom refused a call for the egress IP (errcode 60020, functions/src/wecom/client.ts). */
  wecomUntrustedIp: 'WecomUntrustedIp',
} as const;

/** CloudWatch metric math takes at most 10 metrics per alarm. */
export const FUNCTIONS_PER_ERRORS_ALARM = 10;

const PERIOD = Duration.minutes(5);

export type AlarmsProps = {
  httpApi: IHttpApi;
  /**
   * The functions whose errors are alarmed on; default: every Lambda function in the stack
   * when the construct is created (so create it last).
   */
  functions?: LambdaFunction[];
  /** Log groups whose `"level":"ERROR"` lines are counted (`ErrorLogLines`). */
  errorLogGroups?: readonly ILogGroup[];
  /** Log groups of the functions calling WeCom, whose 60020 lines are counted. */
  wecomLogGroups?: readonly ILogGroup[];
  /** State machines whose failed, timed-out or aborted executions are alarmed on. */
  stateMachines?: ReadonlyMap<string, IStateMachine>;
  /** Where failed asynchronous work lands (the on-failure destination); alarmed on. */
  failureQueue?: IQueue;
  /** Posts the topic to a WeCom group robot (operations.ts, AlarmRobot) when given. */
  robot?: { serviceVersion: string };
};

/**
 * A small, fixed set of alarms, so the stack does not grow an alarm per function:
 * - `Api5xx`: the HTTP API answered 5xx at least 5 times in 5 minutes (a 500 `internal` or
 *   a 503 `store.busy` from a handler, a function that crashed or timed out);
 * - `FunctionErrors<n>`: the Lambda `Errors` of up to 10 functions summed (invocations that
 *   failed: a workflow task or the WeCom processor throwing, a function timing out or out of
 *   memory), at least 1 in 5 minutes;
 * - `OutboxDeliveryFailed`: the WeCom outbox gave up on a message (the metric
 *   `FactoryErp/OutboxDeliveryFailed` with `service: factory-erp` the outbox emits), at least 1
 *   in 5 minutes;
 * - `Health`: a composite alarm, in alarm while any of them is, with the `AlarmTopic` SNS
 *   topic as its action (subscribe the people on call to it).
 * Missing data (no traffic) is not breaching.
 */
export class Alarms extends Construct {
  readonly topic: Topic;
  readonly api5xx: Alarm;
  readonly functionErrors: Alarm[];
  readonly outboxDeliveryFailed: Alarm;
  readonly health: CompositeAlarm;
  readonly functionThrottles: Alarm[];
  readonly errorLogLines?: Alarm;
  readonly wecomUntrustedIp?: Alarm;
  readonly workflowFailures: Alarm[];
  readonly failedWork?: Alarm;
  readonly robot?: AlarmRobot;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { displayName: 'Factory ERP alarms' });
    // Created first, so its own errors are among the functions watched below.
    if (props.robot) {
      this.robot = new AlarmRobot(this, 'Robot', {
        topic: this.topic,
        serviceVersion: props.robot.serviceVersion,
      });
    }
    const functions =
      props.functions ??
      Stack.of(this)
        .node.findAll()
        .filter((c): c is LambdaFunction => c instanceof LambdaFunction);

    this.api5xx = new Alarm(this, 'Api5xx', {
      alarmDescription: 'The HTTP API answered 5xx at least 5 times in 5 minutes',
      metric: props.httpApi.metricServerError({ period: PERIOD, statistic: 'Sum' }),
      threshold: 5,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    this.functionErrors = chunks(functions, FUNCTIONS_PER_ERRORS_ALARM).map((group, n) => {
      const usingMetrics = Object.fromEntries(
        group.map((fn, i) => [`e${i}`, fn.metricErrors({ period: PERIOD, statistic: 'Sum' })]),
      );
      return new Alarm(this, `FunctionErrors${n + 1}`, {
        alarmDescription: `Lambda errors (failed invocations) of ${group.length} functions, at least 1 in 5 minutes`,
        metric: new MathExpression({
          expression: Object.keys(usingMetrics).join(' + '),
          usingMetrics,
          label: 'Errors',
          period: PERIOD,
        }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    });

    this.outboxDeliveryFailed = new Alarm(this, 'OutboxDeliveryFailed', {
      alarmDescription: 'The WeCom outbox gave up on a message at least once in 5 minutes',
      metric: new Metric({
        namespace: METRICS_NAMESPACE,
        metricName: METRIC.outboxDeliveryFailed,
        dimensionsMap: { service: SERVICE },
        statistic: 'Sum',
        period: PERIOD,
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    // --- Issue 19 (operations): throttles, log lines, workflows, failed async work. ---
    const atLeastOnce = (id: string, description: string, metric: Metric | MathExpression) =>
      new Alarm(this, id, {
        alarmDescription: description,
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });

    this.functionThrottles = chunks(functions, FUNCTIONS_PER_ERRORS_ALARM).map((group, n) => {
      const usingMetrics = Object.fromEntries(
        group.map((fn, i) => [`t${i}`, fn.metricThrottles({ period: PERIOD, statistic: 'Sum' })]),
      );
      return atLeastOnce(
        `FunctionThrottles${n + 1}`,
        `Lambda throttles (reserved concurrency or the account's quota reached) of ${group.length} functions, at least 1 in 5 minutes`,
        new MathExpression({
          expression: Object.keys(usingMetrics).join(' + '),
          usingMetrics,
          label: 'Throttles',
          period: PERIOD,
        }),
      );
    });

    const logMetric = (metricName: string) =>
      new Metric({ namespace: METRICS_NAMESPACE, metricName, statistic: 'Sum', period: PERIOD });
    const filters = (
      groups: readonly ILogGroup[],
      prefix: string,
      metricName: string,
      filterPattern: ReturnType<typeof FilterPattern.stringValue>,
    ) =>
      [...new Set(groups)].forEach(
        (logGroup, i) =>
          new MetricFilter(this, `${prefix}${i + 1}`, {
            logGroup,
            filterPattern,
            metricNamespace: METRICS_NAMESPACE,
            metricName,
            metricValue: '1',
          }),
      );
    if (props.errorLogGroups?.length) {
      filters(
        props.errorLogGroups,
        'ErrorLinesFilter',
        LOG_METRIC.errorLogLines,
        FilterPattern.stringValue('$.level', '=', 'ERROR'),
      );
      this.errorLogLines = atLeastOnce(
        'ErrorLogLines',
        'A function logged an ERROR line (an unhandled error, an outbox delivery given up …)',
        logMetric(LOG_METRIC.errorLogLines),
      );
    }
    if (props.wecomLogGroups?.length) {
      filters(
        props.wecomLogGroups,
        'UntrustedIpFilter',
        LOG_METRIC.wecomUntrustedIp,
        FilterPattern.numberValue('$.errcode', '=', 60020),
      );
      this.wecomUntrustedIp = atLeastOnce(
        'WecomUntrustedIp',
        'WeCom refused a call with 60020: an egress EIP is missing from the app 企业可信IP',
        logMetric(LOG_METRIC.wecomUntrustedIp),
      );
    }

    this.workflowFailures = [...(props.stateMachines ?? new Map<string, IStateMachine>())].map(
      ([name, machine]) => {
        const opts = { period: PERIOD, statistic: 'Sum' };
        return atLeastOnce(
          `WorkflowFailed${name[0]!.toUpperCase()}${name.slice(1)}`,
          `The ${name} workflow: an execution failed, timed out or was aborted`,
          new MathExpression({
            expression: 'f + t + a',
            usingMetrics: {
              f: machine.metricFailed(opts),
              t: machine.metricTimedOut(opts),
              a: machine.metricAborted(opts),
            },
            label: 'Failed executions',
            period: PERIOD,
          }),
        );
      },
    );

    if (props.failureQueue) {
      this.failedWork = atLeastOnce(
        'FailedWork',
        'Asynchronous work failed every retry (WeCom processor, import worker, outbox stream): see the failure queue',
        props.failureQueue.metricApproximateNumberOfMessagesVisible({
          period: PERIOD,
          statistic: 'Maximum',
        }),
      );
    }

    const all: IAlarm[] = [
      this.api5xx,
      ...this.functionErrors,
      this.outboxDeliveryFailed,
      ...this.functionThrottles,
      ...(this.errorLogLines ? [this.errorLogLines] : []),
      ...(this.wecomUntrustedIp ? [this.wecomUntrustedIp] : []),
      ...this.workflowFailures,
      ...(this.failedWork ? [this.failedWork] : []),
    ];
    this.health = new CompositeAlarm(this, 'Health', {
      alarmDescription: 'Factory ERP: any of its alarms',
      alarmRule: AlarmRule.anyOf(...all),
    });
    this.health.addAlarmAction(new SnsAction(this.topic));
    // The robot (and whoever is subscribed) also hears when all is well again.
    this.health.addOkAction(new SnsAction(this.topic));
  }
}

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

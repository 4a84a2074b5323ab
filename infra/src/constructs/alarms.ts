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
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { METRIC, METRICS_NAMESPACE, SERVICE } from '../../../functions/src/telemetry/names.js';

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

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    const functions =
      props.functions ??
      Stack.of(this)
        .node.findAll()
        .filter((c): c is LambdaFunction => c instanceof LambdaFunction);

    this.topic = new Topic(this, 'Topic', { displayName: 'Factory ERP alarms' });

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

    const all: IAlarm[] = [this.api5xx, ...this.functionErrors, this.outboxDeliveryFailed];
    this.health = new CompositeAlarm(this, 'Health', {
      alarmDescription: 'Factory ERP: any of its alarms',
      alarmRule: AlarmRule.anyOf(...all),
    });
    this.health.addAlarmAction(new SnsAction(this.topic));
  }
}

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

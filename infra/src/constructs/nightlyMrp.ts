import { Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

/** 02:00 in Shanghai (UTC+8, no daylight saving) is 18:00 UTC the day before. */
export const NIGHTLY_MRP_SCHEDULE = 'cron(0 18 * * ? *)';

/** What the rule hands the function: the outbox Lambda runs the nightly plans on it. */
export const NIGHTLY_MRP_INPUT = { nightlyMrp: true } as const;

/**
 * The nightly regenerative MRP run (docs/planning.md, "Net change"): an EventBridge rule at
 * 02:00 Shanghai time invokes `fn` (the outbox worker, which already lists the tenants from
 * the WeCom secret and may start the MRP state machine for net-change requests) with
 * `{ nightlyMrp: true }`; it starts a full run for every tenant. A function of its own would
 * cost four resources (function, role, policy, log group) the stack's budget of 300 does not
 * have. Not retried by EventBridge: a tenant whose run fails keeps its marks for the next
 * net-change run, and the next night plans it in full.
 */
export class NightlyMrp extends Construct {
  readonly schedule: Rule;

  constructor(scope: Construct, id: string, props: { fn: IFunction }) {
    super(scope, id);
    this.schedule = new Rule(this, 'Nightly', {
      description: 'Factory ERP: the nightly full MRP run, 02:00 Asia/Shanghai',
      schedule: Schedule.expression(NIGHTLY_MRP_SCHEDULE),
      targets: [
        new LambdaFunction(props.fn, {
          event: RuleTargetInput.fromObject(NIGHTLY_MRP_INPUT),
          retryAttempts: 0,
        }),
      ],
    });
  }
}

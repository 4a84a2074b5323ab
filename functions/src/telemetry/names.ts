/** Names shared with the CDK app's alarms: no imports, no side effects. */

/** The `service` of every log line and the default dimension of every metric. */
export const SERVICE = 'factory-erp';

/**
 * CloudWatch metrics as embedded metric format (EMF) lines in the function's log: no API
 * call, no extra permission. Every metric is in this namespace with the dimension
 * `service: factory-erp`, plus the dimensions listed below; infra/src/constructs/alarms.ts
 * alarms on some of them, so a name or dimension changed here must change there too.
 */
export const METRICS_NAMESPACE = 'FactoryErp';

export const METRIC = {
  /** A stock document posted (receipt, issue, transfer, adjustment, pick …); `kind`. */
  stockDocumentsPosted: 'StockDocumentsPosted',
  /** A request refused with a 4xx; `code` (`request.invalid`, `stock.insufficient` …). */
  refusals: 'Refusals',
  /** A posting refused for lack of stock (`stock.insufficient`). */
  stockShortages: 'StockShortages',
  /** A WeCom API call that failed for good (after retries); `api`. */
  wecomFailures: 'WecomFailures',
  /**
   * A WeCom outbox message given up on, emitted by the outbox (functions/src/wecom): no
   * dimension besides `service`. Alarmed on.
   */
  outboxDeliveryFailed: 'OutboxDeliveryFailed',
} as const;

export type MetricName = (typeof METRIC)[keyof typeof METRIC];

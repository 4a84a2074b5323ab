import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE, SERVICE, type MetricName } from './names.js';

export { METRIC, METRICS_NAMESPACE, type MetricName } from './names.js';

const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE });
let stopped = false;

/**
 * No metric lines from this process from now on: the CLI, whose standard output is its
 * answer (`cli plan --json > out.json`) and whose runs are no Lambda's to count.
 */
export function stopMetrics(): void {
  stopped = true;
}

/**
 * Counts one event (or `value`) now: one EMF line of its own, so concurrent requests of the
 * local runtime never mix their dimensions. Disabled by `POWERTOOLS_METRICS_DISABLED=true`
 * and under `POWERTOOLS_DEV=true` (the test setup).
 */
export function countMetric(
  name: MetricName,
  dimensions: Record<string, string> = {},
  value = 1,
): void {
  if (stopped) return;
  const single = metrics.singleMetric();
  for (const [key, dimension] of Object.entries(dimensions)) single.addDimension(key, dimension);
  single.addMetric(name, MetricUnit.Count, value);
}

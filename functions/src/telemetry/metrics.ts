import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE, SERVICE, type MetricName } from './names.js';

export { METRIC, METRICS_NAMESPACE, type MetricName } from './names.js';

const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE });

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
  const single = metrics.singleMetric();
  for (const [key, dimension] of Object.entries(dimensions)) single.addDimension(key, dimension);
  single.addMetric(name, MetricUnit.Count, value);
}

import { isDevMode, envFlag } from './env.js';
import { METRICS_NAMESPACE, SERVICE, type MetricName } from './names.js';

export { METRIC, METRICS_NAMESPACE, type MetricName } from './names.js';

let stopped = false;

/**
 * No metric lines from this process from now on: the CLI, whose standard output is its
 * answer (`cli plan --json > out.json`) and whose runs are no Lambda's to count.
 */
export function stopMetrics(): void {
  stopped = true;
}

/**
 * Whether metric lines are off: `POWERTOOLS_METRICS_DISABLED` when set (`true` or `false`),
 * else under `POWERTOOLS_DEV=true` (the test setup). Read at every count, as Powertools' single
 * metrics did, so a test can turn metrics on around a call.
 */
function metricsDisabled(): boolean {
  return envFlag('POWERTOOLS_METRICS_DISABLED') ?? isDevMode();
}

/**
 * One CloudWatch embedded metric format (EMF) line: the metric's definition under `_aws`, the
 * dimension values and the metric's value as top-level keys, the `service` dimension first
 * (what Powertools Metrics wrote, which this replaces: 33 KB of every bundle for one line).
 * Dimensions with an empty name or value are left out, as Powertools left them out.
 */
export function emfLine(
  name: MetricName,
  dimensions: Record<string, string>,
  value: number,
  timestamp: number,
): string {
  const values: Record<string, string> = { service: SERVICE };
  for (const [key, dimension] of Object.entries(dimensions)) {
    if (key && dimension) values[key] = dimension;
  }
  return JSON.stringify({
    _aws: {
      Timestamp: timestamp,
      CloudWatchMetrics: [
        {
          Namespace: METRICS_NAMESPACE,
          Dimensions: [Object.keys(values)],
          Metrics: [{ Name: name, Unit: 'Count' }],
        },
      ],
    },
    ...values,
    [name]: value,
  });
}

/**
 * Counts one event (or `value`) now: one EMF line of its own, so concurrent requests of the
 * local runtime never mix their dimensions. Disabled by `POWERTOOLS_METRICS_DISABLED=true`
 * and under `POWERTOOLS_DEV=true` (the test setup). The line goes to standard output as a
 * whole line (CloudWatch Logs reads an EMF line only if it is the entire log event, so not
 * through Lambda's patched console, which prefixes its lines); in development mode through the
 * global console, where tests spy on it.
 */
export function countMetric(
  name: MetricName,
  dimensions: Record<string, string> = {},
  value = 1,
): void {
  if (stopped || metricsDisabled()) return;
  const line = emfLine(name, dimensions, value, Date.now());
  if (isDevMode()) console.log(line);
  else process.stdout.write(`${line}\n`);
}

/**
 * The environment switches of the logger and the metrics, read as Powertools read them (the
 * variables keep Powertools' names: the deployment, the jest setup and the bench set them).
 */

const TRUE = new Set(['1', 'y', 'yes', 't', 'true', 'on']);
const FALSE = new Set(['0', 'n', 'no', 'f', 'false', 'off']);

/** A boolean variable: `true`/`1`/`yes`/`on`…, `false`/`0`/`no`/`off`…, else undefined. */
export function envFlag(key: string): boolean | undefined {
  const value = process.env[key]?.trim().toLowerCase();
  if (value === undefined) return undefined;
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  return undefined;
}

/**
 * `POWERTOOLS_DEV=true` (the jest setup): log lines go through the global console, indented,
 * and metrics are off unless `POWERTOOLS_METRICS_DISABLED=false` turns them back on.
 */
export function isDevMode(): boolean {
  return envFlag('POWERTOOLS_DEV') ?? false;
}

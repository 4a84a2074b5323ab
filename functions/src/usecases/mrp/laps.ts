/**
 * Wall time of a step's phases, in whole milliseconds, for the run's counts: where a run's
 * time goes is read from the run itself (bench:mrp-net-e2e prints them).
 */
export function laps(): { lap(name: string): void; readonly ms: Record<string, number> } {
  let last = performance.now();
  const ms: Record<string, number> = {};
  return {
    lap(name) {
      const now = performance.now();
      ms[name] = (ms[name] ?? 0) + Math.round(now - last);
      last = now;
    },
    ms,
  };
}

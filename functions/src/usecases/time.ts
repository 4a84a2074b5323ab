/** The factory's calendar day (China has one time zone, UTC+8, no daylight saving). */
export function shanghaiDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

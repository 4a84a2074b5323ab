import type { BomVersion } from '@factory/shared';

type Dated = Pick<BomVersion, 'version' | 'status' | 'effectiveFrom' | 'effectiveTo'>;

/** The approved version that is the default on `date`, if any. */
export function effectiveVersion<T extends Dated>(
  versions: readonly T[],
  date: string,
): T | undefined {
  return versions.find(
    (v) =>
      v.status === 'approved' &&
      (v.effectiveFrom === undefined || v.effectiveFrom <= date) &&
      (v.effectiveTo === undefined || date <= v.effectiveTo),
  );
}

export type VersionTransition = { version: string; effectiveTo?: string; status?: 'obsolete' };

/**
 * What happens to the other approved versions when a new one becomes the default from `from`:
 * one that started earlier now ends the day before; one that would start on or after that day
 * is superseded and becomes obsolete. Afterwards exactly one approved version covers any day
 * from the earliest start on.
 */
export function supersede<T extends Dated>(
  versions: readonly T[],
  newVersion: string,
  from: string,
): VersionTransition[] {
  const dayBefore = addDays(from, -1);
  const out: VersionTransition[] = [];
  for (const v of versions) {
    if (v.version === newVersion || v.status !== 'approved') continue;
    const start = v.effectiveFrom ?? '0000-01-01';
    if (start >= from) out.push({ version: v.version, status: 'obsolete' });
    else if (v.effectiveTo === undefined || v.effectiveTo >= from)
      out.push({ version: v.version, effectiveTo: dayBefore });
  }
  return out;
}

/** The next free "V<n>" after the highest such name in use (exact for any length of n). */
export function nextVersionName(existing: readonly string[]): string {
  let max = 0n;
  for (const name of existing) {
    const m = /^V(\d+)$/i.exec(name);
    if (m && BigInt(m[1]!) > max) max = BigInt(m[1]!);
  }
  const taken = new Set(existing);
  let n = max + 1n;
  while (taken.has(`V${n}`)) n++;
  return `V${n}`;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

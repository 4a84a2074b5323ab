import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { zBomVersionName } from '@factory/shared';
import { type DatedVersion, aVersion } from './builders.js';
import { addDays, effectiveVersion, nextVersionName, supersede } from './index.js';

describe('effectiveVersion', () => {
  const jan = aVersion({ version: 'V1', effectiveFrom: '2026-01-01', effectiveTo: '2026-01-31' });

  test('the window is inclusive at both ends', () => {
    expect(effectiveVersion([jan], '2025-12-31')).toBeUndefined();
    expect(effectiveVersion([jan], '2026-01-01')).toBe(jan);
    expect(effectiveVersion([jan], '2026-01-15')).toBe(jan);
    expect(effectiveVersion([jan], '2026-01-31')).toBe(jan);
    expect(effectiveVersion([jan], '2026-02-01')).toBeUndefined();
  });

  test('a missing start or end is open', () => {
    const always = aVersion({ effectiveFrom: undefined });
    expect(effectiveVersion([always], '1999-01-01')).toBe(always);
    expect(effectiveVersion([aVersion()], '2099-12-31')).toMatchObject({ version: 'V1' });
  });

  test('drafts and obsolete versions are never effective, whatever their dates', () => {
    const draft = aVersion({ version: 'V2', status: 'draft' });
    const obsolete = aVersion({ version: 'V3', status: 'obsolete', effectiveFrom: undefined });
    expect(effectiveVersion([draft, obsolete], '2026-06-01')).toBeUndefined();
    expect(effectiveVersion([draft, obsolete, jan], '2026-01-10')).toBe(jan);
  });

  test('picks the approved version whose window holds the date', () => {
    const feb = aVersion({ version: 'V2', effectiveFrom: '2026-02-01' });
    expect(effectiveVersion([jan, feb], '2026-01-31')?.version).toBe('V1');
    expect(effectiveVersion([jan, feb], '2026-02-01')?.version).toBe('V2');
    expect(effectiveVersion([], '2026-02-01')).toBeUndefined();
  });
});

describe('supersede', () => {
  test('an earlier open version now ends the day before', () => {
    expect(supersede([aVersion({ effectiveFrom: '2026-01-01' })], 'V2', '2026-03-01')).toEqual([
      { version: 'V1', effectiveTo: '2026-02-28' },
    ]);
  });

  test('an earlier version closed on or after the new start is cut back to the day before', () => {
    const v1 = aVersion({ effectiveFrom: '2026-01-01', effectiveTo: '2026-06-30' });
    expect(supersede([v1], 'V2', '2026-03-01')).toEqual([
      { version: 'V1', effectiveTo: '2026-02-28' },
    ]);
    const endsThatDay = aVersion({ effectiveFrom: '2026-01-01', effectiveTo: '2026-03-01' });
    expect(supersede([endsThatDay], 'V2', '2026-03-01')).toEqual([
      { version: 'V1', effectiveTo: '2026-02-28' },
    ]);
  });

  test('a version without a start counts as started earlier', () => {
    expect(supersede([aVersion({ effectiveFrom: undefined })], 'V2', '2024-03-01')).toEqual([
      { version: 'V1', effectiveTo: '2024-02-29' },
    ]);
  });

  test('a version that starts on or after the new start becomes obsolete', () => {
    const versions = [
      aVersion({ version: 'V1', effectiveFrom: '2026-03-01' }),
      aVersion({ version: 'V2', effectiveFrom: '2026-04-01' }),
    ];
    expect(supersede(versions, 'V3', '2026-03-01')).toEqual([
      { version: 'V1', status: 'obsolete' },
      { version: 'V2', status: 'obsolete' },
    ]);
  });

  test('older closed versions, drafts, obsolete ones and the new version itself are left alone', () => {
    const versions = [
      aVersion({ version: 'V1', effectiveFrom: '2025-01-01', effectiveTo: '2025-12-31' }),
      aVersion({ version: 'V2', effectiveFrom: '2026-01-01', effectiveTo: '2026-02-28' }),
      aVersion({ version: 'V3', status: 'draft', effectiveFrom: '2026-01-01' }),
      aVersion({ version: 'V4', status: 'obsolete', effectiveFrom: '2026-05-01' }),
      aVersion({ version: 'V5', status: 'draft', effectiveFrom: undefined }),
    ];
    expect(supersede(versions, 'V5', '2026-03-01')).toEqual([]);
  });

  test('closes the current one and obsoletes a later one in the same change', () => {
    const versions = [
      aVersion({ version: 'V1', effectiveFrom: '2026-01-01', effectiveTo: '2026-04-30' }),
      aVersion({ version: 'V2', effectiveFrom: '2026-05-01' }),
    ];
    expect(supersede(versions, 'V3', '2027-01-01')).toEqual([
      { version: 'V2', effectiveTo: '2026-12-31' },
    ]);
    expect(supersede(versions, 'V3', '2026-03-15')).toEqual([
      { version: 'V1', effectiveTo: '2026-03-14' },
      { version: 'V2', status: 'obsolete' },
    ]);
  });

  describe('property: exactly one approved version is effective on every day from the earliest start', () => {
    const BASE = '2026-01-01';
    const SPAN = 60;
    type Step =
      | { kind: 'approve'; day: number; draft: boolean }
      | { kind: 'noise'; status: 'draft' | 'obsolete'; from?: number; to?: number };

    const arbStep: fc.Arbitrary<Step> = fc.oneof(
      fc.record({
        kind: fc.constant('approve' as const),
        day: fc.nat({ max: SPAN }),
        draft: fc.boolean(),
      }),
      fc.record(
        {
          kind: fc.constant('noise' as const),
          status: fc.constantFrom('draft' as const, 'obsolete' as const),
          from: fc.nat({ max: SPAN }),
          to: fc.nat({ max: SPAN }),
        },
        { requiredKeys: ['kind', 'status'] },
      ),
    );

    /** Applies supersede's transitions and the new version, as an approval does. */
    function approve(versions: DatedVersion[], name: string, from: string): DatedVersion[] {
      const transitions = new Map(supersede(versions, name, from).map((t) => [t.version, t]));
      const next = versions
        .filter((v) => v.version !== name)
        .map((v) => {
          const t = transitions.get(v.version);
          return t ? { ...v, ...t } : v;
        });
      return [...next, { version: name, status: 'approved', effectiveFrom: from }];
    }

    function checkCoverage(versions: DatedVersion[]): void {
      const approved = versions.filter((v) => v.status === 'approved');
      if (approved.length === 0) return;
      const starts = approved.map((v) => v.effectiveFrom ?? '0000-01-01').sort();
      const earliest = starts[0]! < BASE ? addDays(BASE, -3) : starts[0]!;
      for (let day = earliest; day <= addDays(BASE, SPAN + 5); day = addDays(day, 1)) {
        const covering = approved.filter(
          (v) =>
            (v.effectiveFrom === undefined || v.effectiveFrom <= day) &&
            (v.effectiveTo === undefined || day <= v.effectiveTo),
        );
        expect({ day, covering: covering.length }).toEqual({ day, covering: 1 });
        expect(effectiveVersion(versions, day)).toBe(covering[0]);
      }
      if (starts[0]! >= BASE)
        expect(effectiveVersion(versions, addDays(earliest, -1))).toBeUndefined();
    }

    test('over random histories of approvals among drafts and obsolete versions', () => {
      fc.assert(
        fc.property(
          fc.boolean(),
          fc.array(arbStep, { minLength: 1, maxLength: 8 }),
          (startsOpen, steps) => {
            let versions: DatedVersion[] = startsOpen
              ? [{ version: 'V1', status: 'approved' }]
              : [];
            for (const step of steps) {
              const name = nextVersionName(versions.map((v) => v.version));
              if (step.kind === 'noise') {
                versions = [
                  ...versions,
                  {
                    version: name,
                    status: step.status,
                    ...(step.from !== undefined ? { effectiveFrom: addDays(BASE, step.from) } : {}),
                    ...(step.to !== undefined ? { effectiveTo: addDays(BASE, step.to) } : {}),
                  },
                ];
                continue;
              }
              const draft = versions.find((v) => v.status === 'draft');
              const from = addDays(BASE, step.day);
              versions = approve(versions, step.draft && draft ? draft.version : name, from);
              expect(effectiveVersion(versions, from)?.version).toBe(
                step.draft && draft ? draft.version : name,
              );
              checkCoverage(versions);
            }
          },
        ),
      );
    });
  });
});

describe('nextVersionName', () => {
  test('starts at V1 and follows the highest V<n> in use', () => {
    expect(nextVersionName([])).toBe('V1');
    expect(nextVersionName(['V1', 'V2'])).toBe('V3');
    expect(nextVersionName(['V10', 'V9'])).toBe('V11');
    expect(nextVersionName(['V1', 'V3'])).toBe('V4');
  });

  test('ignores names that are not V<n>', () => {
    expect(nextVersionName(['A', 'V1.1', 'V2a', 'X9', 'proto-5', 'VV3', 'V'])).toBe('V1');
    expect(nextVersionName(['V2', 'V2.5', 'V7-draft'])).toBe('V3');
  });

  test('reads leading zeros and lower-case v as numbers, and never returns a taken name', () => {
    expect(nextVersionName(['V007'])).toBe('V8');
    expect(nextVersionName(['v5', 'V2'])).toBe('V6');
    expect(nextVersionName(['V08', 'V9'])).toBe('V10');
  });

  test('property: the name is free, a valid version name, and above every V<n> in use', () => {
    const arbName = fc.oneof(
      fc.nat({ max: 1_000_000 }).map((n) => `V${n}`),
      fc.nat({ max: 99 }).map((n) => `v${n}`),
      fc.constantFrom('A', 'V1.1', 'X2', 'draft', 'V0'),
    );
    fc.assert(
      fc.property(fc.array(arbName, { maxLength: 10 }), (names) => {
        const next = nextVersionName(names);
        expect(names).not.toContain(next);
        expect(zBomVersionName.safeParse(next).success).toBe(true);
        const n = Number(next.slice(1));
        for (const name of names) {
          const m = /^V(\d+)$/i.exec(name);
          if (m) expect(n).toBeGreaterThan(Number(m[1]));
        }
      }),
    );
  });

  // BUG: the number is read with Number(), so above 2^53 it loses precision.
  // 'V9007199254740993' is read as 9007199254740992, and 9007199254740992 + 1 is
  // 9007199254740992 again: the answer is below the highest name in use.
  test('follows a V<n> beyond 2^53', () => {
    expect(nextVersionName(['V9007199254740993'])).toBe('V9007199254740994');
  });

  // BUG: same cause; from 1e21 on the number prints in exponent form, giving 'V1e+21',
  // which is not a valid version name (zBomVersionName has no '+').
  test('gives a valid version name after a very long V<n>', () => {
    const next = nextVersionName(['V1000000000000000000000']);
    expect(next).toBe('V1000000000000000000001');
  });

  // BUG: with 'V9007199254740992' (a valid 17-digit version name) in use, n + 1 === n, so
  // `while (existing.includes(`V${n}`)) n++` never ends: an ECN revise without a new version
  // name hangs. Run in a child process so the hang cannot stall this suite.
  test('returns (does not hang) when V9007199254740992 is in use', () => {
    const versions = fileURLToPath(new URL('./versions.ts', import.meta.url));
    const code = `const m = await import(${JSON.stringify(versions)});
      process.stdout.write(m.nextVersionName(['V9007199254740992']));`;
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', code],
      { timeout: 3000, encoding: 'utf8' },
    );
    expect(run.signal).toBeNull();
    expect(run.stdout).toBe('V9007199254740993');
  });
});

describe('addDays', () => {
  test.each([
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-04-30', 1, '2026-05-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2100-02-28', 1, '2100-03-01'],
    ['2000-02-28', 1, '2000-02-29'],
    ['2026-06-15', 0, '2026-06-15'],
    ['2024-01-01', 366, '2025-01-01'],
    ['2025-01-01', 365, '2026-01-01'],
    ['2026-01-10', -40, '2025-12-01'],
  ])('%s plus %d days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  test('property: adding is reversible and composes', () => {
    const arbDate = fc
      .date({
        min: new Date('1970-01-01T00:00:00Z'),
        max: new Date('2199-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    const arbDays = fc.integer({ min: -1000, max: 1000 });
    fc.assert(
      fc.property(arbDate, arbDays, arbDays, (date, a, b) => {
        expect(addDays(date, a)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(addDays(addDays(date, a), -a)).toBe(date);
        expect(addDays(addDays(date, a), b)).toBe(addDays(date, a + b));
        expect(addDays(date, a) > date).toBe(a > 0);
      }),
    );
  });
});

import { issuesOf, pathsOf } from './contracts.builders.js';
import {
  zDefect,
  zDispositionInput,
  zInspectionPlan,
  zInspectionResultInput,
  zInspectionReversalInput,
  zPassRateReportQuery,
  zSamplingRule,
} from './quality.js';

type Json = Record<string, unknown>;
const aPlan = (overrides: Json = {}): Json => ({
  item: 'RM1',
  receipts: ['purchase'],
  sampling: { rule: 'percentage', percent: '10' },
  ...overrides,
});
const aResult = (overrides: Json = {}): Json => ({
  sampled: '5',
  accepted: '95.5',
  rejected: '4.5',
  defects: [{ code: 'SCRATCH', qty: '2', photos: ['p1'] }],
  ...overrides,
});

describe('zSamplingRule', () => {
  test('accepts each rule', () => {
    for (const rule of [
      { rule: 'full' },
      { rule: 'fixed', count: '5' },
      { rule: 'percentage', percent: '12.5' },
      {
        rule: 'table',
        rows: [
          { fromLot: '0', sample: '2' },
          { fromLot: '51', sample: '8' },
        ],
      },
    ]) {
      expect(zSamplingRule.safeParse(rule).success).toBe(true);
    }
  });

  test('refuses a percentage outside (0, 100] and a zero count', () => {
    expect(pathsOf(zSamplingRule, { rule: 'percentage', percent: '100.5' })).toEqual(['percent']);
    expect(pathsOf(zSamplingRule, { rule: 'percentage', percent: '0' })).toEqual(['percent']);
    expect(pathsOf(zSamplingRule, { rule: 'fixed', count: '0' })).toEqual(['count']);
    expect(pathsOf(zSamplingRule, { rule: 'aql' })).toEqual(['rule']);
  });

  test('a table starts at lot 0 and rises row by row', () => {
    expect(
      issuesOf(zSamplingRule, {
        rule: 'table',
        rows: [
          { fromLot: '10', sample: '2' },
          { fromLot: '10', sample: '3' },
        ],
      }).map((i) => [i.path.join('.'), i.message]),
    ).toEqual([
      ['rows.0.fromLot', '抽样表第一行应从批量 0 开始'],
      ['rows.1.fromLot', '批量起点应逐行递增'],
    ]);
    expect(pathsOf(zSamplingRule, { rule: 'table', rows: [] })).toEqual(['rows']);
  });
});

describe('zInspectionPlan', () => {
  test('accepts a plan, defect codes optional', () => {
    expect(zInspectionPlan.parse(aPlan())).toEqual(aPlan());
    expect(zInspectionPlan.safeParse(aPlan({ defects: ['SCRATCH', 'DIM'] })).success).toBe(true);
  });

  test('names each bad field: no receipt kind, duplicates, unknown kind', () => {
    expect(pathsOf(zInspectionPlan, aPlan({ receipts: [] }))).toEqual(['receipts']);
    expect(
      pathsOf(
        zInspectionPlan,
        aPlan({ receipts: ['purchase', 'purchase', 'gift'], defects: ['A', 'A'] }),
      ),
    ).toEqual(['receipts.2', 'defects.1']);
    // Duplicates are told once every kind is known.
    expect(pathsOf(zInspectionPlan, aPlan({ receipts: ['purchase', 'purchase'] }))).toEqual([
      'receipts.1',
    ]);
  });
});

describe('zDefect', () => {
  test('defaults to active and requires a category', () => {
    expect(zDefect.parse({ code: 'SCRATCH', name: '划伤', category: '外观' })).toMatchObject({
      active: true,
    });
    expect(issuesOf(zDefect, { code: 'SCRATCH', name: '划伤', category: ' ' })).toEqual([
      expect.objectContaining({ path: ['category'], message: '请填写缺陷类别' }),
    ]);
  });
});

describe('zInspectionResultInput', () => {
  test('keeps quantities as exact decimal text', () => {
    const r = zInspectionResultInput.parse(aResult());
    expect([r.sampled, r.accepted, r.rejected]).toEqual(['5', '95.5', '4.5']);
    expect(zInspectionResultInput.parse(aResult({ defects: undefined })).defects).toEqual([]);
  });

  test('refuses negative or non-decimal quantities, zero sampled, duplicate defect codes', () => {
    expect(
      pathsOf(
        zInspectionResultInput,
        aResult({
          sampled: '0',
          accepted: '-1',
          rejected: '1e2',
          defects: [
            { code: 'A', qty: '1' },
            { code: 'A', qty: '0' },
          ],
        }),
      ),
    ).toEqual(['sampled', 'accepted', 'rejected', 'defects.1.qty', 'defects.1.code']);
    // The inspector comes from the session, never from the body.
    expect(pathsOf(zInspectionResultInput, aResult({ inspector: 'u1' }))).toEqual(['inspector']);
  });

  test('at most 9 photos per defect', () => {
    const photos = Array.from({ length: 10 }, (_, i) => `p${i}`);
    expect(
      issuesOf(zInspectionResultInput, aResult({ defects: [{ code: 'A', qty: '1', photos }] })),
    ).toEqual([
      expect.objectContaining({ path: ['defects', 0, 'photos'], message: '每项缺陷最多 9 张照片' }),
    ]);
  });
});

describe('zInspectionReversalInput', () => {
  test('needs the result and a reason', () => {
    expect(pathsOf(zInspectionReversalInput, { reverses: 'R-1', reason: '' })).toEqual(['reason']);
    expect(
      zInspectionReversalInput.safeParse({ reverses: 'R-1', reason: '数量录错' }).success,
    ).toBe(true);
  });
});

describe('zDispositionInput', () => {
  test('accepts a split, each kind once', () => {
    expect(
      zDispositionInput.safeParse({
        lines: [
          { kind: 'scrap', qty: '1.5' },
          { kind: 'concession', qty: '3' },
        ],
      }).success,
    ).toBe(true);
    expect(
      issuesOf(zDispositionInput, {
        lines: [
          { kind: 'scrap', qty: '1' },
          { kind: 'scrap', qty: '2' },
        ],
      }).map((i) => [i.path.join('.'), i.message]),
    ).toEqual([['lines.1.kind', '同一种处置只能填写一次']]);
    expect(pathsOf(zDispositionInput, { lines: [{ kind: 'burn', qty: '0' }] })).toEqual([
      'lines.0.kind',
      'lines.0.qty',
    ]);
    expect(pathsOf(zDispositionInput, { lines: [] })).toEqual(['lines']);
  });
});

describe('zPassRateReportQuery', () => {
  test('defaults to months and refuses a range that ends before it starts', () => {
    expect(zPassRateReportQuery.parse({ from: '2026-01-01', to: '2026-12-31' }).by).toBe('month');
    expect(pathsOf(zPassRateReportQuery, { from: '2026-12-01', to: '2026-11-30' })).toEqual(['to']);
  });

  test('refuses a range longer than 400 days and a bad grouping', () => {
    expect(pathsOf(zPassRateReportQuery, { from: '2025-01-01', to: '2026-12-31' })).toEqual(['to']);
    expect(
      pathsOf(zPassRateReportQuery, { from: '2026-01-01', to: '2026-02-01', by: 'x' }),
    ).toEqual(['by']);
  });
});

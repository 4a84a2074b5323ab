import fc from 'fast-check';
import {
  type BatchAction,
  type BomLine,
  type FieldIssue,
  type LineChange,
  qty,
  toQtyString,
} from '@factory/shared';
import {
  aLine,
  aSubstitute,
  anItemInfo,
  arbDecimal,
  arbLossRate,
  defaultItems,
  itemMap,
} from './builders.js';
import {
  applyLineChanges,
  batchLineChange,
  batchPreviewEntry,
  checkLines,
  lineFactor,
  mergeLines,
  patchLine,
} from './index.js';

const WAREHOUSES = new Set(['RM']);
const paths = (issues: FieldIssue[]) => issues.map((i) => i.path);

describe('checkLines', () => {
  const check = (lines: BomLine[], parent = 'FG1') =>
    checkLines(parent, lines, defaultItems(), WAREHOUSES);

  test('accepts good lines, with substitutes and a known warehouse', () => {
    const lines = [
      aLine({ component: 'RM1', warehouse: 'RM', substitutes: [aSubstitute({ item: 'RM2' })] }),
      aLine({
        component: 'RM2',
        substitutes: [aSubstitute({ item: 'RM1' }), aSubstitute({ item: 'RM3', priority: 2 })],
      }),
    ];
    expect(check(lines)).toEqual([]);
    expect(check([])).toEqual([]);
  });

  test('an unknown component', () => {
    const issues = check([aLine(), aLine({ component: 'NOPE' })]);
    expect(paths(issues)).toEqual([['lines', 1, 'component']]);
    expect(issues[0]!.message).toContain('NOPE');
  });

  test('an inactive component', () => {
    const issues = check([aLine({ component: 'OLD' })]);
    expect(paths(issues)).toEqual([['lines', 0, 'component']]);
    expect(issues[0]!.message).toContain('停用');
  });

  test('the parent as its own component', () => {
    const issues = check([aLine({ component: 'FG1' })]);
    expect(paths(issues)).toEqual([['lines', 0, 'component']]);
    expect(issues[0]!.message).toContain('FG1');
  });

  test('a component listed twice is reported at the second line', () => {
    const issues = check([aLine(), aLine({ component: 'RM2' }), aLine({ qtyPer: '3' })]);
    expect(paths(issues)).toEqual([['lines', 2, 'component']]);
    expect(issues[0]!.message).toContain('RM1');
  });

  test('an unknown warehouse; a line without a warehouse is fine', () => {
    const issues = check([aLine({ warehouse: 'XX' }), aLine({ component: 'RM2' })]);
    expect(paths(issues)).toEqual([['lines', 0, 'warehouse']]);
    expect(issues[0]!.message).toContain('XX');
  });

  test('a substitute that is unknown, the component itself, or the parent', () => {
    const issues = check([
      aLine({
        substitutes: [
          aSubstitute({ item: 'NOPE', priority: 1 }),
          aSubstitute({ item: 'RM1', priority: 2 }),
          aSubstitute({ item: 'FG1', priority: 3 }),
        ],
      }),
    ]);
    expect(paths(issues)).toEqual([
      ['lines', 0, 'substitutes', 0, 'item'],
      ['lines', 0, 'substitutes', 1, 'item'],
      ['lines', 0, 'substitutes', 2, 'item'],
    ]);
    expect(issues[0]!.message).toContain('NOPE');
  });

  test('a substitute priority used twice on one line; the same priority on two lines is fine', () => {
    const issues = check([
      aLine({
        substitutes: [aSubstitute({ item: 'RM2' }), aSubstitute({ item: 'RM3', priority: 1 })],
      }),
      aLine({ component: 'RM2', substitutes: [aSubstitute({ item: 'RM3', priority: 1 })] }),
    ]);
    expect(paths(issues)).toEqual([['lines', 0, 'substitutes', 1, 'priority']]);
    expect(issues[0]!.message).toContain('1');
  });

  test('reports every problem together, in line order, under the given path prefix', () => {
    const issues = checkLines(
      'FG1',
      [
        aLine({ component: 'NOPE', warehouse: 'XX' }),
        aLine({ component: 'FG1' }),
        aLine({ component: 'OLD' }),
        aLine({ component: 'OLD', substitutes: [aSubstitute({ item: 'OLD' })] }),
        aLine({
          component: 'RM1',
          substitutes: [aSubstitute({ item: 'GONE' }), aSubstitute({ item: 'FG1' })],
        }),
      ],
      defaultItems(),
      WAREHOUSES,
      ['body', 'lines'],
    );
    expect(paths(issues)).toEqual([
      ['body', 'lines', 0, 'component'],
      ['body', 'lines', 0, 'warehouse'],
      ['body', 'lines', 1, 'component'],
      ['body', 'lines', 2, 'component'],
      ['body', 'lines', 3, 'component'],
      ['body', 'lines', 3, 'component'],
      ['body', 'lines', 3, 'substitutes', 0, 'item'], // inactive
      ['body', 'lines', 3, 'substitutes', 0, 'item'], // the component itself
      ['body', 'lines', 4, 'substitutes', 0, 'item'],
      ['body', 'lines', 4, 'substitutes', 1, 'item'],
      ['body', 'lines', 4, 'substitutes', 1, 'priority'],
    ]);
    expect(issues.every((i) => i.message.length > 0)).toBe(true);
  });

  test('an unknown parent is no concern of the line check', () => {
    const items = itemMap(anItemInfo({ code: 'RM1' }));
    expect(checkLines('NEW', [aLine()], items, WAREHOUSES)).toEqual([]);
  });
});

describe('applyLineChanges', () => {
  const base = () => [
    aLine({ component: 'RM1', qtyPer: '2.5', warehouse: 'RM', position: 'P1' }),
    aLine({
      component: 'RM2',
      qtyPer: '0.2',
      lossRate: '0.05',
      substitutes: [aSubstitute({ item: 'RM3' }), aSubstitute({ item: 'RM4', priority: 2 })],
    }),
  ];

  test('add appends the line, with no before', () => {
    const added = aLine({ component: 'RM9', qtyPer: '4' });
    const { lines, records, issues } = applyLineChanges(base(), [{ op: 'add', line: added }]);
    expect(issues).toEqual([]);
    expect(lines.map((l) => l.component)).toEqual(['RM1', 'RM2', 'RM9']);
    expect(lines[2]).toEqual(added);
    expect(records).toEqual([{ component: 'RM9', op: 'add', before: null, after: added }]);
  });

  test('remove drops the line, with no after', () => {
    const { lines, records } = applyLineChanges(base(), [{ op: 'remove', component: 'RM1' }]);
    expect(lines).toEqual([base()[1]]);
    expect(records).toEqual([{ component: 'RM1', op: 'remove', before: base()[0], after: null }]);
  });

  test('change sets the given fields and keeps the rest', () => {
    const { lines, records } = applyLineChanges(base(), [
      { op: 'change', component: 'RM1', set: { qtyPer: '3', issueMethod: 'backflush' } },
    ]);
    const after = { ...base()[0]!, qtyPer: '3', issueMethod: 'backflush' as const };
    expect(lines[0]).toEqual(after);
    expect(records).toEqual([{ component: 'RM1', op: 'change', before: base()[0], after }]);
  });

  test('change with null clears an optional field; undefined leaves it', () => {
    const { lines } = applyLineChanges(base(), [
      { op: 'change', component: 'RM1', set: { warehouse: null, position: undefined } },
    ]);
    expect(lines[0]).not.toHaveProperty('warehouse');
    expect(lines[0]!.position).toBe('P1');
  });

  test('replace puts the new item in place with qtyPer × factor, exactly', () => {
    const { lines, records } = applyLineChanges(base(), [
      { op: 'replace', component: 'RM2', with: 'RM7', factor: '0.1' },
    ]);
    // 0.2 × 0.1 is 0.020000000000000004 in floating point.
    expect(lines[1]).toEqual({ ...base()[1]!, component: 'RM7', qtyPer: '0.02' });
    expect(lines.map((l) => l.component)).toEqual(['RM1', 'RM7']);
    expect(records).toEqual([
      { component: 'RM2', op: 'replace', before: base()[1], after: lines[1] },
    ]);
    const { lines: scaled } = applyLineChanges(base(), [
      { op: 'replace', component: 'RM1', with: 'RM7', factor: '1.2' },
    ]);
    expect(scaled[0]!.qtyPer).toBe('3');
  });

  test('replace drops a substitute that is the new item and keeps the others', () => {
    const { lines } = applyLineChanges(base(), [
      { op: 'replace', component: 'RM2', with: 'RM3', factor: '1' },
    ]);
    expect(lines[1]!.substitutes).toEqual([aSubstitute({ item: 'RM4', priority: 2 })]);
  });

  test('replace into a line the BOM already has merges the two when asked, as one record', () => {
    // RM1 2.5 (no loss) replaced by RM2 (0.2, 5 % loss) with factor 2: 5 + 0.2 = 5.2 per parent;
    // loss (5 × 0 + 0.2 × 0.05) / 5.2 = 0.001923076… -> 0.001924 (up, 6 decimals).
    const { lines, records, issues } = applyLineChanges(base(), [
      { op: 'replace', component: 'RM1', with: 'RM2', factor: '2', merge: true },
    ]);
    expect(issues).toEqual([]);
    // RM2 had no position (位号): RM1's P1 comes along.
    const merged = { ...base()[1]!, qtyPer: '5.2', lossRate: '0.001924', position: 'P1' };
    expect(lines).toEqual([merged]);
    expect(records).toEqual([
      { component: 'RM1', op: 'merge', before: base()[0], after: merged, mergedWith: base()[1] },
    ]);
    // Without `merge` it is still refused (an ECN by hand names exactly what it does).
    expect(
      paths(
        applyLineChanges(base(), [{ op: 'replace', component: 'RM1', with: 'RM2', factor: '2' }])
          .issues,
      ),
    ).toEqual([['lines', 0, 'with']]);
  });

  test('replace with the same item only rescales its quantity', () => {
    const { lines, issues } = applyLineChanges(base(), [
      { op: 'replace', component: 'RM1', with: 'RM1', factor: '2' },
    ]);
    expect(issues).toEqual([]);
    expect(lines[0]).toEqual({ ...base()[0]!, qtyPer: '5' });
  });

  test('applies changes in order, each seeing the result of the ones before', () => {
    const changes: LineChange[] = [
      { op: 'add', line: aLine({ component: 'RM9' }) },
      { op: 'change', component: 'RM9', set: { qtyPer: '6' } },
      { op: 'remove', component: 'RM1' },
      { op: 'replace', component: 'RM9', with: 'RM1', factor: '0.5' },
    ];
    const { lines, records, issues } = applyLineChanges(base(), changes);
    expect(issues).toEqual([]);
    expect(lines.map((l) => [l.component, l.qtyPer])).toEqual([
      ['RM2', '0.2'],
      ['RM1', '3'],
    ]);
    expect(records.map((r) => [r.op, r.component, r.before?.qtyPer, r.after?.qtyPer])).toEqual([
      ['add', 'RM9', undefined, '1'],
      ['change', 'RM9', '1', '6'],
      ['remove', 'RM1', '2.5', undefined],
      ['replace', 'RM9', '6', '3'],
    ]);
  });

  test('does not change the lines it was given', () => {
    const input = base();
    const copy = structuredClone(input);
    applyLineChanges(input, [
      { op: 'change', component: 'RM1', set: { warehouse: null, qtyPer: '9' } },
      { op: 'replace', component: 'RM2', with: 'RM3', factor: '2' },
      { op: 'remove', component: 'RM1' },
    ]);
    expect(input).toEqual(copy);
  });

  test('reports changes that do not fit the lines, with their paths, and skips them', () => {
    const { lines, records, issues } = applyLineChanges(base(), [
      { op: 'add', line: aLine({ component: 'RM1' }) },
      { op: 'change', component: 'NOPE', set: { qtyPer: '2' } },
      { op: 'remove', component: 'NOPE' },
      { op: 'replace', component: 'NOPE', with: 'RM9', factor: '1' },
      { op: 'replace', component: 'RM1', with: 'RM2', factor: '1' },
      { op: 'change', component: 'RM2', set: { lossRate: '0.1' } },
    ]);
    expect(paths(issues)).toEqual([
      ['lines', 0, 'line'],
      ['lines', 1, 'component'],
      ['lines', 2, 'component'],
      ['lines', 3, 'component'],
      ['lines', 4, 'with'],
    ]);
    expect(issues[0]!.message).toContain('RM1');
    expect(issues[4]!.message).toContain('RM2');
    expect(lines.map((l) => l.component)).toEqual(['RM1', 'RM2']);
    expect(lines[0]).toEqual(base()[0]);
    expect(records.map((r) => r.op)).toEqual(['change']);
  });

  test('a component removed earlier in the same change list is missing afterwards', () => {
    const { issues } = applyLineChanges(
      base(),
      [
        { op: 'remove', component: 'RM1' },
        { op: 'change', component: 'RM1', set: { qtyPer: '1' } },
      ],
      ['body', 'changes', 0, 'lines'],
    );
    expect(paths(issues)).toEqual([['body', 'changes', 0, 'lines', 1, 'component']]);
  });

  test('property: every change yields exactly one record or one issue, and the lines stay unique', () => {
    const codes = ['RM1', 'RM2', 'RM3', 'RM4'];
    const arbCode = fc.constantFrom(...codes);
    const arbChange: fc.Arbitrary<LineChange> = fc.oneof(
      arbCode.map((c) => ({ op: 'add' as const, line: aLine({ component: c }) })),
      arbCode.map((c) => ({ op: 'remove' as const, component: c })),
      fc
        .tuple(arbCode, fc.constantFrom('0.1', '2', '7'))
        .map(([c, q]) => ({ op: 'change' as const, component: c, set: { qtyPer: q } })),
      fc
        .tuple(arbCode, arbCode, fc.constantFrom('0.5', '3'))
        .map(([c, w, f]) => ({ op: 'replace' as const, component: c, with: w, factor: f })),
    );
    fc.assert(
      fc.property(fc.subarray(codes), fc.array(arbChange, { maxLength: 12 }), (start, changes) => {
        const { lines, records, issues } = applyLineChanges(
          start.map((c) => aLine({ component: c })),
          changes,
        );
        expect(records.length + issues.length).toBe(changes.length);
        const components = lines.map((l) => l.component);
        expect(new Set(components).size).toBe(components.length);
        const failed = new Set(issues.map((i) => i.path[1]));
        expect(records.map((r) => r.component)).toEqual(
          changes
            .filter((_, i) => !failed.has(i))
            .map((c) => (c.op === 'add' ? c.line.component : c.component)),
        );
      }),
    );
  });
});

describe('mergeLines', () => {
  test('sums the quantities and weights the loss rates so the requirement stays the same', () => {
    const a = aLine({ component: 'OLD', qtyPer: '2', lossRate: '0.1', position: 'R1' });
    const b = aLine({ component: 'NEW', qtyPer: '1', lossRate: '0.04', position: 'R2' });
    // 2 × 1.5 = 3 of OLD's place + 1: 4; loss (3 × 0.1 + 1 × 0.04) / 4 = 0.085 exactly.
    const merged = mergeLines(a, '1.5', b);
    expect(merged).toEqual({ ...b, qtyPer: '4', lossRate: '0.085', position: 'R2,R1' });
    // 4 × 1.085 = 3 × 1.1 + 1 × 1.04 = 4.34 per parent, as the two lines needed.
    expect(toQtyString(lineFactor(merged))).toBe('4.34');
  });

  test('law: the merged line never needs less than the two did, and the same when its rate is exact', () => {
    const arbLine = (component: string) =>
      fc
        .record({ qtyPer: arbDecimal(4, 3), lossRate: arbLossRate(4) })
        .map((l) => aLine({ component, ...l }));
    fc.assert(
      fc.property(arbLine('OLD'), arbDecimal(2, 2), arbLine('NEW'), (a, factor, b) => {
        const merged = mergeLines(a, factor, b);
        const before = lineFactor(a).times(factor).plus(lineFactor(b));
        expect(lineFactor(merged).gte(before)).toBe(true);
        const exact = qty(a.qtyPer)
          .times(factor)
          .times(a.lossRate)
          .plus(qty(b.qtyPer).times(b.lossRate))
          .dividedBy(qty(a.qtyPer).times(factor).plus(b.qtyPer));
        if (exact.decimalPlaces() <= 6) expect(lineFactor(merged).eq(before)).toBe(true);
      }),
    );
  });

  test('equal loss rates stay; the replacement keeps its own issue method, warehouse, substitutes', () => {
    const a = aLine({ component: 'OLD', qtyPer: '1', lossRate: '0.02', issueMethod: 'backflush' });
    const b = aLine({
      component: 'NEW',
      qtyPer: '3',
      lossRate: '0.02',
      warehouse: 'RM',
      substitutes: [aSubstitute({ item: 'RM9' })],
    });
    expect(mergeLines(a, '1', b)).toEqual({ ...b, qtyPer: '4' });
  });

  test('a repeating rate is rounded up to 6 decimals, never above the larger rate', () => {
    const a = aLine({ component: 'OLD', qtyPer: '2', lossRate: '0' });
    const b = aLine({ component: 'NEW', qtyPer: '1', lossRate: '0.1' });
    expect(mergeLines(a, '1', b).lossRate).toBe('0.033334'); // 0.1 / 3
    const tiny = aLine({ component: 'NEW', qtyPer: '1', lossRate: '0.0000001' });
    expect(mergeLines(a, '1', tiny).lossRate).toBe('0.0000001');
  });
});

describe('batchPreviewEntry', () => {
  const lines = [
    aLine({ component: 'OLD', qtyPer: '2', lossRate: '0.1' }),
    aLine({ component: 'NEW', qtyPer: '1', lossRate: '0.04', issueMethod: 'backflush' }),
  ];
  const replace: BatchAction = { kind: 'replace', with: 'NEW', factor: '1.5' };

  test('a BOM that already has the replacement is a merge, with its rule spelled out', () => {
    const entry = batchPreviewEntry('P1', 'V1', lines, 'OLD', replace);
    expect(entry).toMatchObject({
      parent: 'P1',
      version: 'V1',
      op: 'merge',
      before: lines[0],
      mergedWith: lines[1],
      after: { component: 'NEW', qtyPer: '4', lossRate: '0.085', issueMethod: 'backflush' },
    });
    expect(entry.note).toContain('用量 1 + 2 × 1.5 = 4');
    expect(entry.note).toContain('发料方式不同，请确认');
    expect(entry.problem).toBeUndefined();
  });

  test('a plain replace, and a BOM that cannot take the change is named, not skipped', () => {
    expect(batchPreviewEntry('P2', 'V1', [lines[0]!], 'OLD', replace)).toEqual({
      parent: 'P2',
      version: 'V1',
      op: 'replace',
      before: lines[0],
      after: { ...lines[0]!, component: 'NEW', qtyPer: '3' },
    });
    expect(batchPreviewEntry('P3', 'V2', [lines[1]!], 'OLD', replace)).toMatchObject({
      op: 'replace',
      before: null,
      after: null,
      problem: expect.stringContaining('OLD'),
    });
    expect(batchPreviewEntry('P4', 'V1', undefined, 'OLD', { kind: 'remove' })).toMatchObject({
      op: 'remove',
      problem: expect.stringContaining('P4'),
    });
  });
});

describe('patchLine', () => {
  test('sets, clears with null, and skips undefined', () => {
    const line = aLine({ warehouse: 'RM', note: 'n' });
    expect(patchLine(line, { lossRate: '0.1', note: null, warehouse: undefined })).toEqual({
      ...aLine({ warehouse: 'RM' }),
      lossRate: '0.1',
    });
    expect(line.note).toBe('n');
  });
});

describe('batchLineChange', () => {
  test.each<[BatchAction, LineChange]>([
    [
      { kind: 'replace', with: 'RM9', factor: '1.5' },
      { op: 'replace', component: 'RM1', with: 'RM9', factor: '1.5', merge: true },
    ],
    [
      { kind: 'setQtyPer', qtyPer: '4' },
      { op: 'change', component: 'RM1', set: { qtyPer: '4' } },
    ],
    [
      { kind: 'setLossRate', lossRate: '0.03' },
      { op: 'change', component: 'RM1', set: { lossRate: '0.03' } },
    ],
    [{ kind: 'remove' }, { op: 'remove', component: 'RM1' }],
  ])('%o becomes %o', (action, change) => {
    expect(batchLineChange('RM1', action)).toEqual(change);
  });

  test('the mapped changes apply to a BOM that has the component', () => {
    const lines = [aLine({ qtyPer: '0.3' })];
    const apply = (action: BatchAction) =>
      applyLineChanges(lines, [batchLineChange('RM1', action)]).lines;
    expect(apply({ kind: 'replace', with: 'RM9', factor: '3' })).toEqual([
      aLine({ component: 'RM9', qtyPer: '0.9' }),
    ]);
    expect(apply({ kind: 'setQtyPer', qtyPer: '4' })).toEqual([aLine({ qtyPer: '4' })]);
    expect(apply({ kind: 'setLossRate', lossRate: '0.03' })).toEqual([
      aLine({ qtyPer: '0.3', lossRate: '0.03' }),
    ]);
    expect(apply({ kind: 'remove' })).toEqual([]);
  });
});

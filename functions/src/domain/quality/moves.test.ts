import { aResult, anInspectionOrder } from './builders.js';
import {
  planConcession,
  planDispositionMoves,
  planQualityMoves,
  type QualityPlan,
} from './moves.js';

/** [line, status, signed qty] of every move, and the steps. */
const movesOf = (plan: QualityPlan) =>
  plan.postings.flatMap((p) => p.moves.map((m) => [m.lineNo, m.status, m.qty]));
const stepsOf = (plan: QualityPlan) => plan.postings.map((p) => [p.step, p.qty]);

describe('planQualityMoves', () => {
  test('a result: accepted inspection -> available, rejected inspection -> rejected, in place', () => {
    const plan = planQualityMoves(anInspectionOrder(), aResult());
    expect(stepsOf(plan)).toEqual([
      ['accept', '95.5'],
      ['reject', '4.5'],
    ]);
    expect(movesOf(plan)).toEqual([
      [1, 'inspection', '-95.5'],
      [1, 'available', '95.5'],
      [2, 'inspection', '-4.5'],
      [2, 'rejected', '4.5'],
    ]);
    // Same warehouse, lot and tracking number as the receipt line.
    expect(plan.postings[0]!.moves[0]).toMatchObject({
      item: 'STEEL',
      warehouse: 'QC',
      lot: 'L1',
      trackingNo: '',
    });
    // Nothing in inspection is left: -95.5 - 4.5 = -100, the whole line.
  });

  test('a fully accepted result makes no rejected move', () => {
    expect(
      stepsOf(planQualityMoves(anInspectionOrder(), aResult({ accepted: '100', rejected: '0' }))),
    ).toEqual([['accept', '100']]);
  });

  test('dispositions: scrap and return leave stock from rejected; rework and concession stay', () => {
    // 4.5 rejected = 1.25 returned + 0.25 scrapped + 1 reworked + 2 conceded.
    const plan = planQualityMoves(anInspectionOrder(), aResult(), [
      { kind: 'returnToSupplier', qty: '1.25' },
      { kind: 'scrap', qty: '0.25' },
      { kind: 'rework', qty: '1' },
      { kind: 'concession', qty: '2' },
    ]);
    expect(stepsOf(plan)).toEqual([
      ['accept', '95.5'],
      ['reject', '4.5'],
      ['return', '1.25'],
      ['scrap', '0.25'],
    ]);
    expect(movesOf(plan).slice(4)).toEqual([
      [3, 'rejected', '-1.25'],
      [4, 'rejected', '-0.25'],
    ]);
    expect(plan.receivedDecrement).toEqual({ order: 'PO-1', line: 2, qty: '1.25' });
    expect(plan.rework).toBe('1');
    expect(plan.concession).toBe('2');
    // Rejected balance after: 4.5 - 1.25 - 0.25 = 3 = rework 1 + concession 2.
  });

  test('dispositions alone, after the result was posted', () => {
    const plan = planDispositionMoves(anInspectionOrder(), aResult(), [
      { kind: 'scrap', qty: '4.5' },
    ]);
    expect(movesOf(plan)).toEqual([[1, 'rejected', '-4.5']]);
    expect(plan.receivedDecrement).toBeUndefined();
  });

  test('a reversing result moves the reversed quantities back into inspection', () => {
    const plan = planQualityMoves(anInspectionOrder(), aResult({ id: 'QR-2', reverses: 'QR-1' }));
    expect(stepsOf(plan)).toEqual([
      ['unaccept', '95.5'],
      ['unreject', '4.5'],
    ]);
    expect(movesOf(plan)).toEqual([
      [1, 'available', '-95.5'],
      [1, 'inspection', '95.5'],
      [2, 'rejected', '-4.5'],
      [2, 'inspection', '4.5'],
    ]);
  });
});

describe('planConcession', () => {
  test('an approved concession goes rejected -> available, flagged', () => {
    const plan = planConcession(anInspectionOrder({ trackingNo: 'SN1' }), '2.000');
    expect(plan.postings).toEqual([
      {
        step: 'concede',
        qty: '2',
        conceded: true,
        moves: [
          expect.objectContaining({ status: 'rejected', qty: '-2', trackingNo: 'SN1' }),
          expect.objectContaining({ status: 'available', qty: '2', trackingNo: 'SN1' }),
        ],
      },
    ]);
  });
});

import type { AppError } from '@factory/shared';
import { aTaskOrder } from './builders.js';
import { applyWorkReport, reversalOf } from './workReports.js';

const q = (good: string, scrap = '0', hours = '1') => ({ good, scrap, hours });

describe('work reports', () => {
  it('adds good and scrap to the order progress', () => {
    expect(applyWorkReport(aTaskOrder(), q('4', '1'), { allowOverrun: false })).toEqual({
      reportedGood: '4',
      reportedScrap: '1',
      status: 'open',
      completed: false,
      overrun: false,
    });
  });

  it('completes the order when reported good reaches its quantity', () => {
    const out = applyWorkReport(aTaskOrder({ reportedGood: '6' }), q('4'), {
      allowOverrun: false,
    });
    expect(out).toMatchObject({ reportedGood: '10', status: 'completed', completed: true });
  });

  it('refuses an overrun unless allowed', () => {
    let err: unknown;
    try {
      applyWorkReport(aTaskOrder({ reportedGood: '8' }), q('3'), { allowOverrun: false });
    } catch (e) {
      err = e;
    }
    expect((err as AppError).code).toBe('workReport.overrun');
    expect((err as AppError).details).toEqual({
      order: 'MO-1',
      ordered: '10',
      reported: '8',
      requested: '3',
    });
    const out = applyWorkReport(aTaskOrder({ reportedGood: '8' }), q('3'), { allowOverrun: true });
    expect(out).toMatchObject({ reportedGood: '11', overrun: true, completed: true });
  });

  it('a reversal negates every quantity and reopens a completed order', () => {
    const order = aTaskOrder({ reportedGood: '10', reportedScrap: '2', status: 'completed' });
    const out = applyWorkReport(order, reversalOf(q('3', '1', '2.5')), { allowOverrun: true });
    expect(out).toEqual({
      reportedGood: '7',
      reportedScrap: '1',
      status: 'open',
      completed: false,
      overrun: false,
    });
    expect(reversalOf(q('3', '0', '2.5'))).toEqual({ good: '-3', scrap: '0', hours: '-2.5' });
  });
});

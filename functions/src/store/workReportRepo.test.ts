import type { WorkReport } from '@factory/shared';
import { workReportRecord, workReportRepo } from './workReportRepo.js';

const deps = { db: undefined as never, tableName: 'T' };
const repo = workReportRepo(deps, 'ww1');
const report: WorkReport = {
  no: 'WR-1',
  taskOrder: 'MO-1',
  date: '2026-11-25',
  good: '10',
  scrap: '1',
  hours: '2.5',
  worker: 'zhang',
  createdAt: '2026-11-25T08:00:00.000Z',
  createdBy: 'zhang',
};

describe('work report records', () => {
  it('stores the report and its owner entry as before', () => {
    const [r, owner] = repo.createItems(report);
    expect(r).toEqual({
      Put: {
        TableName: 'T',
        Item: { pk: 'T#ww1#WR#MO-1', sk: 'R#WR-1', type: 'workReport', ...report },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
    expect(owner).toEqual({
      Put: {
        TableName: 'T',
        Item: { pk: 'T#ww1#WRNO#WR-1', sk: '#', type: 'workReportOwner', taskOrder: 'MO-1' },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
  });

  it('stores the reversal marker and the notice as before', () => {
    const marker = repo.reversedMarker('MO-1', 'WR-1', 'WR-2');
    expect(marker.Put).toEqual({
      TableName: 'T',
      Item: {
        pk: 'T#ww1#WR#MO-1',
        sk: 'REV#WR-1',
        type: 'workReportReversed',
        report: 'WR-1',
        reversedBy: 'WR-2',
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    expect(marker.onConditionFailed?.(undefined).code).toBe('workReport.alreadyReversed');
    const notice = {
      taskOrder: 'MO-1',
      report: 'WR-1',
      at: '2026-11-25T08:00:00.000Z',
      status: 'queued' as const,
      recipients: ['boss'],
    };
    expect(repo.noticeItem(notice)).toEqual({
      Put: {
        TableName: 'T',
        Item: { pk: 'T#ww1#WR#MO-1', sk: 'NOTICE#WR-1', type: 'workReportNotice', ...notice },
      },
    });
  });

  it('reads a report back; overrun only when true', () => {
    const stored = workReportRecord.item('ww1', { ...report, overrun: true });
    expect(workReportRecord.read(stored)).toEqual({ ...report, overrun: true });
    expect(workReportRecord.read({ ...stored, overrun: false })).toEqual(report);
    expect(() => workReportRecord.read({ ...stored, good: undefined })).toThrow(
      /stored workReport at T#ww1#WR#MO-1 \/ R#WR-1 does not parse: good/,
    );
  });
});

import type { BomLine } from '@factory/shared';
import {
  bomHeadRecord,
  bomRepo,
  bomStructureRecord,
  bomUsageRecord,
  bomVersionRecord,
  lowLevelCodeRecord,
} from './bomRepo.js';

const repo = bomRepo({ db: undefined as never, tableName: 'T' }, 'ww1');
const line: BomLine = {
  component: 'MOTOR',
  qtyPer: '1',
  lossRate: '0',
  issueMethod: 'manual',
  substitutes: [{ item: 'MOTOR2', priority: 1, ratio: '1' }],
};

describe('BOM records', () => {
  it('stores a version with its lines as JSON text, as before', () => {
    const [version, ...pages] = repo.putLines(
      { parent: 'FAN', version: 'V1', lines: [line] },
      true,
    );
    expect(pages).toEqual([]);
    expect(version!.Put).toEqual({
      TableName: 'T',
      Item: {
        pk: 'T#ww1#BOM#FAN',
        sk: 'V#V1',
        type: 'bomVersion',
        parent: 'FAN',
        version: 'V1',
        lineCount: 1,
        linesText: JSON.stringify([line]),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    expect(bomVersionRecord.read({ ...version!.Put!.Item!, lineCount: '1' })).toMatchObject({
      lineCount: 1,
      linesText: JSON.stringify([line]),
    });
  });

  it('pages the lines of a large version, the version item counting the pages', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => ({
      ...line,
      component: `C-${String(i).padStart(6, '0')}`,
      note: 'x'.repeat(40),
    }));
    const [version, ...pages] = repo.putLines({ parent: 'FAN', version: 'V2', lines }, false);
    expect(pages.length).toBeGreaterThan(1);
    expect(version!.Put!.Item).toMatchObject({ linePages: pages.length, lineCount: 3000 });
    expect(version!.Put!.ConditionExpression).toBeUndefined();
    expect(pages[0]!.Put!.Item).toMatchObject({
      pk: 'T#ww1#BOM#FAN',
      sk: 'L#V2#00000',
      type: 'bomLinePage',
      parent: 'FAN',
      version: 'V2',
      page: 0,
    });
    expect(pages.map((p) => String(p.Put!.Item!.text)).join('')).toBe(JSON.stringify(lines));
  });

  it('stores the head, where-used, structure and low-level codes as before', () => {
    const head = {
      parent: 'FAN',
      revision: 2,
      versions: [
        {
          version: 'V1',
          status: 'approved' as const,
          effectiveFrom: '2026-12-01',
          lineCount: 1,
          createdAt: '2026-11-25T00:00:00.000Z',
          createdBy: 'eng',
          updatedAt: '2026-11-25T00:00:00.000Z',
          updatedBy: 'eng',
        },
      ],
    };
    const put = repo.putHead(head, 1).Put!;
    expect(put.Item).toEqual({ pk: 'T#ww1#BOM#FAN', sk: '#HEAD', type: 'bomHead', ...head });
    const stored = {
      ...put.Item!,
      revision: '2',
      versions: [{ ...head.versions[0], lineCount: '1' }],
    };
    expect(bomHeadRecord.read(stored)).toEqual(head);
    expect(repo.restoreHead(head).Put!.Item).toEqual(put.Item);

    const usage = {
      component: 'MOTOR',
      parent: 'FAN',
      version: 'V1',
      qtyPer: '1',
      asSubstitute: false,
    };
    expect(repo.putUsage(usage).Put!.Item).toEqual({
      pk: 'T#ww1#USE#MOTOR',
      sk: 'FAN#V1',
      type: 'bomUsage',
      ...usage,
    });
    expect(bomUsageRecord.read(repo.putUsage(usage).Put!.Item!)).toEqual(usage);
    const entry = { parent: 'FAN', approved: ['V1'], all: ['V1', 'V2'] };
    expect(repo.putStructure(entry).Put!.Item).toEqual({
      pk: 'T#ww1#BOMGRAPH',
      sk: 'FAN',
      type: 'bomStructure',
      ...entry,
    });
    expect(bomStructureRecord.read(repo.putStructure(entry).Put!.Item!)).toEqual(entry);
    expect(repo.putLowLevelCode('MOTOR', 1).Put!.Item).toEqual({
      pk: 'T#ww1#LLC',
      sk: 'MOTOR',
      type: 'lowLevelCode',
      item: 'MOTOR',
      llc: 1,
    });
    expect(lowLevelCodeRecord.read({ item: 'MOTOR', llc: '1' })).toEqual({ item: 'MOTOR', llc: 1 });
  });
});

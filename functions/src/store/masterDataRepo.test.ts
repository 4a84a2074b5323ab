import type { Item, Partner } from '@factory/shared';
import { masterDataRepo, MASTER_RECORDS } from './masterDataRepo.js';
import { UnparseableRecordError } from './records.js';

const deps = { db: undefined as never, tableName: 'T' };
const audit = {
  version: 2,
  createdAt: '2026-11-25T00:00:00.000Z',
  updatedAt: '2026-11-26T00:00:00.000Z',
  createdBy: 'admin',
  updatedBy: 'admin',
};
const item: Item = {
  code: 'FAN-01',
  name: 'Desk Fan',
  unit: 'PCS',
  precision: 0,
  source: 'manufactured',
  strategy: 'mts',
  leadTimeDays: 3,
  safetyStock: '10',
  lotSizing: { rule: 'period', days: 7 },
  inspection: false,
  active: true,
  ...audit,
};

describe('master records', () => {
  it('stores an item byte for byte as before: key, type, fields, search text', () => {
    const put = masterDataRepo<Item>(deps, 'ww1', 'item').createItem(item).Put!;
    expect(put).toEqual({
      TableName: 'T',
      Item: {
        pk: 'T#ww1#ITEM',
        sk: 'FAN-01',
        type: 'item',
        ...item,
        searchText: 'fan-01 desk fan',
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    expect(Object.keys(put.Item!).slice(0, 3)).toEqual(['pk', 'sk', 'type']);
  });

  it('keeps every kind in its partition', () => {
    const partner: Partner = {
      code: 'S1',
      name: 'Supplier',
      roles: ['supplier'],
      active: true,
      ...audit,
    };
    expect(MASTER_RECORDS.partner.item('ww1', partner)).toMatchObject({
      pk: 'T#ww1#PARTNER',
      sk: 'S1',
      type: 'partner',
    });
    expect(MASTER_RECORDS.warehouse.key('ww1', { code: 'W1' })).toEqual({
      pk: 'T#ww1#WH',
      sk: 'W1',
    });
    expect(MASTER_RECORDS.unit.key('ww1', { code: 'PCS' })).toEqual({
      pk: 'T#ww1#UNIT',
      sk: 'PCS',
    });
  });

  it('reads an item back: numbers from their text, store attributes dropped', () => {
    const stored = {
      ...MASTER_RECORDS.item.item('ww1', item),
      importId: 'imp-1',
      version: '2',
      precision: '0',
      leadTimeDays: '3',
      lotSizing: { rule: 'period', days: '7' },
    };
    expect(masterDataRepo<Item>(deps, 'ww1', 'item').toRecord(stored)).toEqual(item);
  });

  it('refuses a stored item that is not an item, naming it', () => {
    const stored = { ...MASTER_RECORDS.item.item('ww1', item), source: 'magic' };
    expect(() => MASTER_RECORDS.item.read(stored)).toThrow(UnparseableRecordError);
    expect(() => MASTER_RECORDS.item.read(stored)).toThrow(/stored item at T#ww1#ITEM \/ FAN-01/);
  });
});

import {
  lineOfScan,
  checkLineScan,
  checkLocationScan,
  checkScan,
  matchesItem,
  scanPickLine,
} from './scanMatch';

const MOTOR = { item: 'PT-MOT40', name: '电机40', barcode: '6901234567892' };
const CAP = { item: 'PT-CAP12', name: '电容' };

test('an item matches its barcode or its code (trimmed, any case)', () => {
  expect(matchesItem('6901234567892', MOTOR)).toBe(true);
  expect(matchesItem(' pt-mot40 ', MOTOR)).toBe(true);
  expect(matchesItem('PT-CAP12', CAP)).toBe(true);
  expect(matchesItem('', CAP)).toBe(false);
  expect(matchesItem('PT-CAP1', CAP)).toBe(false);
});

test('the right item is confirmed', () => {
  expect(checkScan('6901234567892', MOTOR, [MOTOR, CAP])).toEqual({ ok: true, item: 'PT-MOT40' });
});

test('another item of the list is refused and named', () => {
  const r = checkScan('PT-CAP12', MOTOR, [MOTOR, CAP]);
  expect(r).toEqual({
    ok: false,
    scannedItem: 'PT-CAP12',
    message: '扫描的物料不是 PT-MOT40 电机40（扫到的是 PT-CAP12），请核对后重扫',
  });
});

test('an unknown code and an empty scan are refused', () => {
  const r = checkScan('XYZ', CAP, [MOTOR, CAP]);
  expect(r.ok).toBe(false);
  expect(!r.ok && r.message).toBe('扫描的物料不是 PT-CAP12 电容（条码 XYZ 不在本领料单上）');
  expect(checkScan('  ', CAP)).toEqual({ ok: false, message: '请扫描或输入条码' });
});

describe('location labels', () => {
  const RM = { code: 'RM', name: '原料仓', barcode: 'LOC-RM-01' };
  const FG = { code: 'FG', name: '成品仓' };

  test("the line's warehouse is confirmed by its barcode or, without one, its code", () => {
    expect(checkLocationScan(' loc-rm-01 ', 'RM', [RM, FG])).toEqual({ ok: true, warehouse: 'RM' });
    expect(checkLocationScan('fg', 'FG', [RM, FG])).toEqual({ ok: true, warehouse: 'FG' });
  });

  test('another location is refused, naming both', () => {
    expect(checkLocationScan('FG', 'RM', [RM, FG])).toEqual({
      ok: false,
      message: '库位不对：本行应从 RM 原料仓 领料（扫到的是 FG 成品仓）',
    });
  });

  test('a value that is no location is left to the item check', () => {
    expect(checkLocationScan('PT-MOT40', 'RM', [RM, FG])).toBeUndefined();
    expect(checkLocationScan('  ', 'RM', [RM, FG])).toBeUndefined();
  });
});

describe('a scan against a pick line', () => {
  const locations = [{ code: 'RM', name: '原料仓' }, { code: 'FG' }];
  const line = { item: MOTOR, warehouse: 'RM' };

  test('confirms the item or the location', () => {
    expect(checkLineScan('6901234567892', line, [MOTOR, CAP], locations)).toEqual({
      ok: true,
      confirms: 'item',
    });
    expect(checkLineScan('rm', line, [MOTOR, CAP], locations)).toEqual({
      ok: true,
      confirms: 'location',
    });
  });

  test('refuses another location, another item, and an unknown label', () => {
    expect(checkLineScan('FG', line, [MOTOR, CAP], locations)).toMatchObject({
      ok: false,
      message: expect.stringContaining('库位不对') as unknown,
    });
    expect(checkLineScan('PT-CAP12', line, [MOTOR, CAP], locations)).toMatchObject({
      ok: false,
      message: expect.stringContaining('扫到的是 PT-CAP12') as unknown,
    });
    expect(checkLineScan('XYZ', line, [MOTOR, CAP], locations)).toMatchObject({
      ok: false,
      message: expect.stringContaining('条码 XYZ 不在本领料单上') as unknown,
    });
  });
});

test('a pick line takes its labels from the item master, or the code without an entry', () => {
  const labels = { 'PT-MOT40': { name: '电机40', barcode: '6901234567892' } };
  const lines = [{ item: 'PT-MOT40' }, { item: 'PT-CAP12' }];
  const line = { item: 'PT-MOT40', warehouse: 'RM' };
  expect(scanPickLine('6901234567892', line, lines, labels, [])).toEqual({
    ok: true,
    confirms: 'item',
  });
  expect(scanPickLine('pt-cap12', line, lines, labels, [])).toEqual({
    ok: false,
    message: '扫描的物料不是 PT-MOT40 电机40（扫到的是 PT-CAP12），请核对后重扫',
  });
});

describe("a scan of another line's label", () => {
  const lines = [
    { key: 'A', item: 'PT-A' },
    { key: 'B@RM', item: 'PT-B' },
    { key: 'B@FG', item: 'PT-B' },
  ];
  const labels = { 'PT-B': { barcode: '6901' } };

  it('names the first other line of that item not yet confirmed', () => {
    expect(lineOfScan('6901', lines, labels, 'A')?.key).toBe('B@RM');
    expect(lineOfScan('pt-b', lines, labels, 'A', new Set(['B@RM']))?.key).toBe('B@FG');
    expect(lineOfScan('PT-B', lines, labels, 'A', new Set(['B@RM', 'B@FG']))?.key).toBe('B@RM');
  });

  it('names nothing for the current line, a code not on the list, or a blank scan', () => {
    expect(lineOfScan('PT-A', lines, labels, 'A')).toBeUndefined();
    expect(lineOfScan('PT-Z', lines, labels, 'A')).toBeUndefined();
    expect(lineOfScan('  ', lines, labels)).toBeUndefined();
    expect(lineOfScan('PT-A', lines, labels)?.key).toBe('A');
  });
});

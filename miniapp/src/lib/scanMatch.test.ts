import { checkScan, matchesItem } from './scanMatch';

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

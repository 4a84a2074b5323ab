import type { DocumentLabels } from '@factory/shared';
import { groupDigits, qtyWithUnit } from './format';
import { itemName, itemQty, userName, warehouseName } from './labels';

const labels: DocumentLabels = {
  items: {
    'PT-MOT40': { name: '风扇电机', unit: 'pcs' },
    'PT-WIRE': { name: '连接线', unit: '米' },
  },
  warehouses: { RM: '原料仓' },
  users: { zhoujun: '周军' },
};

test('digits are grouped by thousands, decimals and signs kept, anything else left alone', () => {
  expect(groupDigits('42000')).toBe('42,000');
  expect(groupDigits('1280.5')).toBe('1,280.5');
  expect(groupDigits('999')).toBe('999');
  expect(groupDigits('-1234567.125')).toBe('-1,234,567.125');
  expect(groupDigits('0.0001')).toBe('0.0001');
  expect(groupDigits('abc')).toBe('abc');
});

test('quantities carry the unit by name, never the code pcs', () => {
  expect(qtyWithUnit('42000', 'pcs')).toBe('42,000 个');
  expect(itemQty('PT-WIRE', '1280.5', labels)).toBe('1,280.5 米');
  expect(itemQty('PT-MOT40', '500', labels)).toBe('500 个');
  expect(itemQty('UNKNOWN', '5', labels)).toBe('5');
});

test('names for codes and ids, the code when the labels do not know it', () => {
  expect(itemName('PT-MOT40', labels)).toBe('风扇电机');
  expect(itemName('X', labels)).toBe('X');
  expect(warehouseName('RM', labels)).toBe('原料仓 RM');
  expect(warehouseName('WIP', undefined)).toBe('WIP');
  expect(userName('zhoujun', labels)).toBe('周军');
  expect(userName('lina', labels)).toBe('lina');
});

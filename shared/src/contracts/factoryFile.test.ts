import { readFileSync } from 'node:fs';
import { aFactoryFileJson, aFileItem, issuesOf, pathsOf } from './contracts.builders.js';
import { zFactoryFile } from './factoryFile.js';

const DEMO = new URL('../../../functions/local/demo/factory.json', import.meta.url);
const demo = () => JSON.parse(readFileSync(DEMO, 'utf8')) as Record<string, unknown>;

type Json = Record<string, unknown>;
const at = (file: Json, section: string, index: number): Json => (file[section] as Json[])[index]!;

describe('zFactoryFile', () => {
  test('accepts the demo factory file', () => {
    const result = zFactoryFile.safeParse(demo());
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  test('accepts the minimal test file and one with only the required sections', () => {
    expect(zFactoryFile.safeParse(aFactoryFileJson()).success).toBe(true);
    const bare = {
      format: 'factory/1',
      runDate: '2026-12-01',
      warehouses: [],
      partners: [],
      items: [],
    };
    expect(zFactoryFile.safeParse(bare).success).toBe(true);
  });

  test('refuses another format', () => {
    expect(pathsOf(zFactoryFile, aFactoryFileJson({ format: 'factory/2' }))).toEqual(['format']);
  });

  test('refuses unknown fields at every level, each at its own path', () => {
    const file = aFactoryFileJson({ comment: 'x' });
    at(file, 'items', 1).colour = 'red';
    (at(file, 'boms', 0).lines as Json[])[0]!.scrap = '1';
    at(file, 'stock', 0).bin = 'A1';
    (file.calendar as Json).timezone = 'Asia/Shanghai';
    expect(pathsOf(zFactoryFile, file)).toEqual([
      'calendar.timezone',
      'items.1.colour',
      'boms.0.lines.0.scrap',
      'stock.0.bin',
      'comment',
    ]);
  });

  test('refuses JSON numbers for quantities and rates', () => {
    const file = aFactoryFileJson();
    at(file, 'items', 1).safetyStock = 20;
    (at(file, 'boms', 0).lines as Json[])[0]!.qtyPer = 2.5;
    (at(file, 'boms', 0).lines as Json[])[0]!.lossRate = 0.02;
    at(file, 'stock', 0).qty = 120;
    (at(file, 'purchaseOrders', 0).lines as Json[])[0]!.received = 50;
    at(file, 'forecasts', 0).qty = 100;
    const issues = issuesOf(zFactoryFile, file);
    expect(issues.map((i) => i.path.join('.'))).toEqual([
      'items.1.safetyStock',
      'boms.0.lines.0.qtyPer',
      'boms.0.lines.0.lossRate',
      'stock.0.qty',
      'purchaseOrders.0.lines.0.received',
      'forecasts.0.qty',
    ]);
    expect(issues.every((i) => i.code === 'invalid_type')).toBe(true);
  });

  test('refuses quantities in exponent notation or with leading zeros', () => {
    const file = aFactoryFileJson();
    at(file, 'stock', 0).qty = '1e3';
    at(file, 'taskOrders', 0).qty = '01.5';
    expect(pathsOf(zFactoryFile, file)).toEqual(['stock.0.qty', 'taskOrders.0.qty']);
  });

  test('refuses every quantity and rate outside the range, each at its path', () => {
    const file = aFactoryFileJson();
    at(file, 'items', 1).safetyStock = '1000000000000';
    (at(file, 'boms', 0).lines as Json[])[0]!.qtyPer = '0.0000001';
    (at(file, 'boms', 0).lines as Json[])[0]!.lossRate = '0.1234567';
    at(file, 'stock', 0).qty = '999999999999999999';
    (at(file, 'purchaseOrders', 0).lines as Json[])[0]!.received = '123456789012345.5';
    at(file, 'taskOrders', 0).qty = '999999999999.9999999';
    at(file, 'forecasts', 0).qty = '1e20';
    const issues = issuesOf(zFactoryFile, file);
    expect(issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['items.1.safetyStock', '超出范围：最多 12 位整数、6 位小数'],
      ['boms.0.lines.0.qtyPer', '超出范围：最多 12 位整数、6 位小数'],
      ['boms.0.lines.0.lossRate', '超出范围：最多 12 位整数、6 位小数'],
      ['stock.0.qty', '超出范围：最多 12 位整数、6 位小数'],
      ['purchaseOrders.0.lines.0.received', '超出范围：最多 12 位整数、6 位小数'],
      ['taskOrders.0.qty', '超出范围：最多 12 位整数、6 位小数'],
      ['forecasts.0.qty', '请输入数字，如 12.5'],
    ]);
  });

  test('accepts the edges of the range', () => {
    const file = aFactoryFileJson();
    at(file, 'stock', 0).qty = '999999999999.999999';
    (at(file, 'boms', 0).lines as Json[])[0]!.qtyPer = '0.000001';
    expect(zFactoryFile.safeParse(file).success).toBe(true);
  });

  test('refuses impossible dates', () => {
    const file = aFactoryFileJson({ runDate: '2026-02-30' });
    at(file, 'taskOrders', 0).dueDate = '2026-13-01';
    expect(pathsOf(zFactoryFile, file)).toEqual(['runDate', 'taskOrders.0.dueDate']);
  });

  test('a sales order line cannot carry a received quantity', () => {
    const file = aFactoryFileJson();
    (at(file, 'salesOrders', 0).lines as Json[])[0]!.received = '1';
    expect(pathsOf(zFactoryFile, file)).toEqual(['salesOrders.0.lines.0.received']);
  });

  test('a sales order line may carry what was delivered, as a decimal string', () => {
    const file = aFactoryFileJson();
    const line = (at(file, 'salesOrders', 0).lines as Json[])[0]!;
    line.delivered = '1';
    expect(zFactoryFile.safeParse(file).success).toBe(true);
    line.delivered = 1;
    expect(pathsOf(zFactoryFile, file)).toEqual(['salesOrders.0.lines.0.delivered']);
    line.delivered = '-1';
    expect(pathsOf(zFactoryFile, file)).toEqual(['salesOrders.0.lines.0.delivered']);
  });

  test('an outsourcing order needs a supplier', () => {
    const order = {
      no: 'OO-1',
      item: 'FG1',
      qty: '5',
      startDate: '2026-12-02',
      dueDate: '2026-12-09',
    };
    expect(pathsOf(zFactoryFile, aFactoryFileJson({ outsourcingOrders: [order] }))).toEqual([
      'outsourcingOrders.0.supplier',
    ]);
    expect(
      zFactoryFile.safeParse(
        aFactoryFileJson({ outsourcingOrders: [{ ...order, supplier: 'W1' }] }),
      ).success,
    ).toBe(true);
  });

  test('checks item fields: lot sizing, precision and weekdays', () => {
    const file = aFactoryFileJson({
      items: [aFileItem({ lotSizing: { rule: 'fixed' }, precision: 7 })],
      calendar: { nonWorkingWeekdays: [0, 8], holidays: [] },
    });
    expect(pathsOf(zFactoryFile, file)).toEqual([
      'calendar.nonWorkingWeekdays.0',
      'calendar.nonWorkingWeekdays.1',
      'items.0.precision',
      'items.0.lotSizing.qty',
    ]);
  });
});

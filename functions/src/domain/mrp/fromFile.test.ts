import { aFactoryFile, aFileItem } from '../factoryFile/builders.js';
import { mrpInputFromFile, plannableStock } from './fromFile.js';

describe('plannableStock', () => {
  const supplied = { source: 'customerSupplied', customer: 'C1' };
  const bought = { source: 'purchased' };

  test('a customer-supplied item counts only its customer’s stock in customer-supplied warehouses', () => {
    expect(plannableStock(supplied, 'customerSupplied', 'C1')).toBe(true);
    expect(plannableStock(supplied, 'customerSupplied', 'C2')).toBe(false);
    expect(plannableStock(supplied, 'customerSupplied', undefined)).toBe(false);
    expect(plannableStock(supplied, 'normal', undefined)).toBe(false);
    expect(plannableStock({ source: 'customerSupplied' }, 'customerSupplied', 'C1')).toBe(false);
  });

  test('any other item counts only own stock in normal warehouses', () => {
    expect(plannableStock(bought, 'normal', undefined)).toBe(true);
    expect(plannableStock(bought, 'normal', 'C1')).toBe(false);
    expect(plannableStock(bought, 'customerSupplied', 'C1')).toBe(false);
    expect(plannableStock(bought, 'customerSupplied', undefined)).toBe(false);
    for (const kind of ['subcontractor', 'inspection', undefined])
      expect(plannableStock(bought, kind, undefined)).toBe(false);
  });
});

test('mrpInputFromFile: a customer-supplied item carries its customer and its owner’s stock', () => {
  const base = aFactoryFile();
  const file = aFactoryFile({
    warehouses: [...base.warehouses, { code: 'CS', name: '客供料仓', kind: 'customerSupplied' }],
    items: [
      ...base.items,
      aFileItem({ code: 'CS1', precision: 0, source: 'customerSupplied', customer: 'C1' }),
    ],
    stock: [
      { item: 'CS1', warehouse: 'CS', qty: '40', customer: 'C1' },
      { item: 'CS1', warehouse: 'CS', qty: '100', customer: 'C2' },
      { item: 'CS1', warehouse: 'CS', qty: '7', customer: 'C1', status: 'rejected' },
      { item: 'RM1', warehouse: 'CS', qty: '3', customer: 'C1' },
      { item: 'RM1', warehouse: 'RM', qty: '5' },
    ],
  });
  const input = mrpInputFromFile(file);
  expect(input.items.find((i) => i.code === 'CS1')).toMatchObject({
    source: 'customerSupplied',
    customer: 'C1',
  });
  expect(input.items.find((i) => i.code === 'RM1')).not.toHaveProperty('customer');
  expect(input.stock).toEqual([
    { item: 'CS1', qty: '40' },
    { item: 'RM1', qty: '5' },
  ]);
});

import type { FactoryFile, PeriodFile } from '@factory/shared';

/**
 * The factory file inside a period file: its master data, orders and opening stock (without
 * what only costing reads: cost coefficients, stock values, order dates), run on `runDate`.
 * The check reads it as the factory import would; `cli cost` imports it.
 */
export function factoryFileOf(file: PeriodFile, runDate: string): FactoryFile {
  return {
    format: 'factory/1',
    runDate,
    ...(file.calendar ? { calendar: file.calendar } : {}),
    warehouses: file.warehouses,
    partners: file.partners,
    items: file.items.map(({ costCoefficient: _c, ...i }) => i),
    ...(file.boms ? { boms: file.boms } : {}),
    stock: (file.opening?.stock ?? []).map(({ value: _v, ...s }) => s),
    taskOrders: (file.taskOrders ?? []).map(({ date: _d, ...o }) => o),
    outsourcingOrders: (file.outsourcingOrders ?? []).map(({ date: _d, ...o }) => o),
  };
}

// Test builders for the shared contracts: valid inputs with defaults, to be varied one
// field at a time, and a helper that turns a parse into the issues the mini-program sees.
import type { z } from 'zod';
import type { FieldIssue } from '../errors.js';
import { toFieldIssues } from '../zodIssues.js';

/** The field issues of parsing `input` with `schema`; [] when it parses. */
export function issuesOf(schema: z.ZodType, input: unknown): FieldIssue[] {
  const result = schema.safeParse(input);
  return result.success ? [] : toFieldIssues(result.error);
}

/** The paths of the issues, joined with '.', for compact assertions. */
export function pathsOf(schema: z.ZodType, input: unknown): string[] {
  return issuesOf(schema, input).map((i) => i.path.join('.'));
}

type Json = Record<string, unknown>;

export function anItemCreate(overrides: Json = {}): Json {
  return { code: 'RM1', name: '钢板', unit: 'kg', precision: 3, source: 'purchased', ...overrides };
}

export function aFileItem(overrides: Json = {}): Json {
  return {
    code: 'RM1',
    name: '钢板',
    unit: 'kg',
    precision: 3,
    source: 'purchased',
    strategy: 'mts',
    leadTimeDays: 5,
    safetyStock: '20',
    lotSizing: { rule: 'lotForLot' },
    ...overrides,
  };
}

/** A small factory file that passes the contract: one of each section. */
export function aFactoryFileJson(overrides: Json = {}): Json {
  return {
    format: 'factory/1',
    runDate: '2026-12-01',
    calendar: { nonWorkingWeekdays: [6, 7], holidays: ['2026-12-25'] },
    warehouses: [{ code: 'RM', name: '原料仓', kind: 'normal' }],
    partners: [
      { code: 'S1', name: '供应商1', roles: ['supplier'] },
      { code: 'C1', name: '客户1', roles: ['customer'] },
    ],
    items: [
      aFileItem({ code: 'FG1', name: '成品1', unit: 'pcs', precision: 0, source: 'manufactured' }),
      aFileItem({ defaultSupplier: 'S1' }),
    ],
    boms: [
      {
        parent: 'FG1',
        version: 'V1',
        lines: [{ component: 'RM1', qtyPer: '2.5', lossRate: '0.02' }],
      },
    ],
    stock: [{ item: 'RM1', warehouse: 'RM', qty: '120', status: 'available' }],
    purchaseOrders: [
      {
        no: 'PO-1',
        supplier: 'S1',
        lines: [{ item: 'RM1', qty: '200', received: '50', dueDate: '2026-12-04' }],
      },
    ],
    taskOrders: [
      {
        no: 'MO-1',
        item: 'FG1',
        qty: '10',
        received: '0',
        startDate: '2026-12-02',
        dueDate: '2026-12-04',
        issued: [{ item: 'RM1', qty: '5' }],
      },
    ],
    salesOrders: [
      { no: 'SO-1', customer: 'C1', lines: [{ item: 'FG1', qty: '30', dueDate: '2026-12-15' }] },
    ],
    forecasts: [{ item: 'FG1', from: '2026-12-01', to: '2026-12-31', qty: '100' }],
    ...overrides,
  };
}

// Test builders for factory data files: a minimal valid file (no problems at all) and
// its parts with defaults, to be varied one field at a time.
import type { FactoryFile } from '@factory/shared';

export type FileItem = FactoryFile['items'][number];
export type FileBom = NonNullable<FactoryFile['boms']>[number];
export type FileBomLine = FileBom['lines'][number];
export type FileTaskOrder = NonNullable<FactoryFile['taskOrders']>[number];
export type FileOutsourcingOrder = NonNullable<FactoryFile['outsourcingOrders']>[number];
export type FilePurchaseOrder = NonNullable<FactoryFile['purchaseOrders']>[number];
export type FileSalesOrder = NonNullable<FactoryFile['salesOrders']>[number];

export function aFileItem(overrides: Partial<FileItem> = {}): FileItem {
  return {
    code: 'RM1',
    name: '钢板',
    unit: 'kg',
    precision: 3,
    source: 'purchased',
    strategy: 'mts',
    leadTimeDays: 5,
    safetyStock: '0',
    lotSizing: { rule: 'lotForLot' },
    ...overrides,
  };
}

export function aBom(
  parent: string,
  components: string[],
  overrides: Partial<FileBom> = {},
): FileBom {
  return {
    parent,
    version: 'V1',
    lines: components.map((component) => aBomLine({ component })),
    ...overrides,
  };
}

export function aBomLine(overrides: Partial<FileBomLine> = {}): FileBomLine {
  return { component: 'RM1', qtyPer: '1', ...overrides };
}

export function aTaskOrder(overrides: Partial<FileTaskOrder> = {}): FileTaskOrder {
  return {
    no: 'MO-1',
    item: 'FG1',
    qty: '10',
    startDate: '2026-12-02',
    dueDate: '2026-12-04',
    ...overrides,
  };
}

export function anOutsourcingOrder(
  overrides: Partial<FileOutsourcingOrder> = {},
): FileOutsourcingOrder {
  return { ...aTaskOrder({ no: 'OO-1', item: 'OS1' }), supplier: 'W1', ...overrides };
}

export function aPurchaseOrder(overrides: Partial<FilePurchaseOrder> = {}): FilePurchaseOrder {
  return {
    no: 'PO-1',
    supplier: 'S1',
    lines: [{ item: 'RM1', qty: '200', received: '50', dueDate: '2026-12-04' }],
    ...overrides,
  };
}

export function aSalesOrder(overrides: Partial<FileSalesOrder> = {}): FileSalesOrder {
  return {
    no: 'SO-1',
    customer: 'C1',
    lines: [{ item: 'FG1', qty: '30', dueDate: '2026-12-15' }],
    ...overrides,
  };
}

/**
 * A minimal valid file: warehouses RM and FG; partners S1 (supplier), C1 (customer), W1
 * (subcontractor); items FG1 (manufactured, pcs), RM1 (purchased, kg with 3 decimals),
 * OS1 (outsourced); the BOM FG1 <- RM1. Optional sections are added by the overrides.
 */
export function aFactoryFile(overrides: Partial<FactoryFile> = {}): FactoryFile {
  return {
    format: 'factory/1',
    runDate: '2026-12-01',
    warehouses: [
      { code: 'RM', name: '原料仓', kind: 'normal' },
      { code: 'FG', name: '成品仓', kind: 'normal' },
    ],
    partners: [
      { code: 'S1', name: '供应商1', roles: ['supplier'] },
      { code: 'C1', name: '客户1', roles: ['customer'] },
      { code: 'W1', name: '外协厂1', roles: ['subcontractor'] },
    ],
    items: [
      aFileItem({
        code: 'FG1',
        name: '成品1',
        unit: 'pcs',
        precision: 0,
        source: 'manufactured',
        defaultWarehouse: 'FG',
      }),
      aFileItem({ defaultWarehouse: 'RM', defaultSupplier: 'S1' }),
      aFileItem({
        code: 'OS1',
        name: '电镀件',
        unit: 'pcs',
        precision: 0,
        source: 'outsourced',
        defaultSupplier: 'W1',
      }),
    ],
    boms: [aBom('FG1', ['RM1'])],
    ...overrides,
  };
}

import {
  type FieldIssue,
  type ItemSource,
  type LotSizing,
  fitsPrecision,
  qty,
} from '@factory/shared';

export type ItemShape = {
  code: string;
  unit: string;
  precision: number;
  source: ItemSource;
  safetyStock: string;
  lotSizing: LotSizing;
  defaultWarehouse?: string;
  defaultSupplier?: string;
  /** A `customerSupplied` item's customer (客供料的客户). */
  customer?: string;
};

/** What exists among the item's references (looked up by the caller). */
export type ItemReferenceFacts = {
  unitExists: boolean;
  warehouse?: { exists: boolean; active: boolean };
  supplier?: { exists: boolean; roles: readonly string[] };
  /** The partner named in `customer`, when the item names one. */
  customer?: { exists: boolean; roles: readonly string[] };
};

/**
 * Rules an item must satisfy beyond its shape: references exist, quantities fit the unit
 * precision, a phantom carries no stock policy, a default supplier can supply, a
 * customer-supplied item names its customer (and only such an item names one) and is never
 * bought from a supplier.
 */
export function checkItem(
  item: ItemShape,
  facts: ItemReferenceFacts,
  at: (string | number)[] = [],
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const fail = (field: (string | number)[], message: string) =>
    issues.push({ path: [...at, ...field], message });

  if (!facts.unitExists) fail(['unit'], `计量单位不存在：${item.unit}`);
  if (item.defaultWarehouse !== undefined) {
    if (!facts.warehouse?.exists)
      fail(['defaultWarehouse'], `仓库不存在：${item.defaultWarehouse}`);
    else if (!facts.warehouse.active)
      fail(['defaultWarehouse'], `仓库已停用：${item.defaultWarehouse}`);
  }
  if (item.source === 'customerSupplied') {
    if (item.customer === undefined) fail(['customer'], '客供料必须指定提供物料的客户');
    else if (!facts.customer?.exists) fail(['customer'], `往来单位不存在：${item.customer}`);
    else if (!facts.customer.roles.includes('customer'))
      fail(['customer'], `往来单位 ${item.customer} 不是客户`);
    if (item.defaultSupplier !== undefined)
      fail(['defaultSupplier'], '客供料由客户提供，不采购，不能有默认供应商');
  } else if (item.customer !== undefined) {
    fail(['customer'], '只有来源为客供料的物料才指定客户');
  }
  if (item.defaultSupplier !== undefined && item.source !== 'customerSupplied') {
    // Outsourced items are bought from a subcontractor; many factories also keep those in
    // the supplier list, so either role will do for them.
    const accepted = item.source === 'outsourced' ? ['subcontractor', 'supplier'] : ['supplier'];
    if (!facts.supplier?.exists)
      fail(['defaultSupplier'], `往来单位不存在：${item.defaultSupplier}`);
    else if (!facts.supplier.roles.some((r) => accepted.includes(r))) {
      fail(
        ['defaultSupplier'],
        item.source === 'outsourced'
          ? `往来单位 ${item.defaultSupplier} 不是外协厂或供应商`
          : `往来单位 ${item.defaultSupplier} 不是供应商`,
      );
    }
  }
  if (!fitsPrecision(item.safetyStock, item.precision)) {
    fail(['safetyStock'], `安全库存 ${item.safetyStock} 超出精度（${item.precision} 位小数）`);
  }
  const lot = item.lotSizing;
  const lotQtys: [string, string | undefined][] =
    lot.rule === 'fixed'
      ? [['qty', lot.qty]]
      : lot.rule === 'minMultiple'
        ? [
            ['min', lot.min],
            ['multiple', lot.multiple],
          ]
        : [];
  for (const [field, value] of lotQtys) {
    if (value !== undefined && !fitsPrecision(value, item.precision)) {
      fail(['lotSizing', field], `批量 ${value} 超出精度（${item.precision} 位小数）`);
    }
  }
  if (item.source === 'phantom') {
    if (!qty(item.safetyStock).isZero()) fail(['safetyStock'], '虚拟件不入库，安全库存必须为 0');
    if (lot.rule !== 'lotForLot')
      fail(['lotSizing'], '虚拟件不生成计划订单，批量规则只能是按需（lotForLot）');
  }
  return issues;
}

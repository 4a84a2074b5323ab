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
};

/** What exists among the item's references (looked up by the caller). */
export type ItemReferenceFacts = {
  unitExists: boolean;
  warehouse?: { exists: boolean; active: boolean };
  supplier?: { exists: boolean; roles: readonly string[] };
};

/**
 * Rules an item must satisfy beyond its shape: references exist, quantities fit the unit
 * precision, a phantom carries no stock policy, a default supplier can supply.
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
  if (item.defaultSupplier !== undefined) {
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

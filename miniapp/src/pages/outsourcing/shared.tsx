import type { OutsourcingOrder } from '@factory/shared';
import { Text, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import { listWarehouses } from '../../api/masterData';
import { getOutsourcingOrder } from '../../api/outsourcing';
import { unitNames } from '../../api/purchasing';
import { qtyWithUnit } from '../../lib/format';
import { nameCodes, osStatusLabel, osStatusTone } from '../../lib/outsourcing';
import { unitLabel } from '../../lib/units';
import { ApiError } from '../../platform/request';

/** Unit and warehouse names for labels (codes when they cannot be read). */
export function useNames() {
  const [units, setUnits] = useState<Map<string, string>>(new Map());
  const [warehouses, setWarehouses] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    unitNames()
      .then(setUnits)
      .catch(() => undefined);
    listWarehouses()
      .then((p) => setWarehouses(new Map(p.items.map((w) => [w.code, w.name]))))
      .catch(() => undefined);
  }, []);
  return {
    units,
    warehouses,
    unit: (code?: string) => unitLabel(code, units),
    warehouse: (code?: string) => (code ? (warehouses.get(code) ?? code) : ''),
  };
}

/**
 * The order a send or receipt page works on: opened from `no`, or by scanning its number.
 * `open` answers a message when the scan names no order, or one that takes no more moves.
 */
export function useScannedOrder(initial: string | undefined) {
  const [order, setOrder] = useState<OutsourcingOrder>();
  const open = useCallback(async (raw: string): Promise<string | undefined> => {
    const no = raw.trim();
    if (!no) return '请扫描或输入委外订单号';
    try {
      const o = await getOutsourcingOrder(no);
      if (o.status !== 'open') {
        setOrder(undefined);
        return `委外订单 ${o.no} ${osStatusLabel(o.status)}，不能再发料或入库`;
      }
      setOrder(o);
      return undefined;
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 400))
        return `条码 ${no} 不是委外订单号`;
      return (e as Error).message;
    }
  }, []);
  useEffect(() => {
    if (initial) void open(initial);
  }, [initial, open]);
  return { order, setOrder, open };
}

/** The order's head: number, status, subcontractor, item, quantity and received. */
export function OrderSummary(props: {
  order: OutsourcingOrder;
  testId: string;
  unit: (code?: string) => string;
}) {
  const o = props.order;
  const unit = props.unit(o.unit);
  return (
    <View className="card" data-testid={`${props.testId}-order`}>
      <View className="row">
        <Text className="title" data-testid={`${props.testId}-order-no`}>
          {o.no}
        </Text>
        <Text className={`tag tag-${osStatusTone(o.status)}`}>{osStatusLabel(o.status)}</Text>
      </View>
      <View data-testid={`${props.testId}-order-item`}>
        {o.itemName ?? o.item} · {qtyWithUnit(o.qty, unit)}
      </View>
      <View className="muted" data-testid={`${props.testId}-order-sub`}>
        外协厂 {o.subcontractorName ?? o.subcontractor} · 已收 {qtyWithUnit(o.received, unit)} ·
        交期 {o.dueDate}
      </View>
    </View>
  );
}

/** The names of the codes an order's messages may carry: warehouses, its partner, items. */
export function codeNames(
  order: OutsourcingOrder | undefined,
  warehouses: ReadonlyMap<string, string>,
): Map<string, string> {
  const names = new Map(warehouses);
  if (order?.subcontractorName) names.set(order.subcontractor, order.subcontractorName);
  if (order?.itemName) names.set(order.item, order.itemName);
  for (const c of order?.components ?? []) if (c.itemName) names.set(c.item, c.itemName);
  return names;
}

/** Field errors with the codes in their messages named. */
export function namedErrors(
  errors: Record<string, string>,
  names: ReadonlyMap<string, string>,
): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([k, m]) => [k, nameCodes(m, names)]));
}

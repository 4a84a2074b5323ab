import type { CostPoolDefinition, OrderCostDetail } from '@factory/shared';
import { Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import { getOrderCost, itemInfo, listPools, type ItemInfo } from '../../../api/costing';
import { StackedBar } from '../../../components/StackedBar';
import {
  composition,
  materialKind,
  monthLabel,
  nameWithCode,
  ORDER_KIND_LABELS,
  refusalText,
} from '../../../lib/costing';
import { formatYuan, qtyWithUnit } from '../../../lib/format';
import { usePageParams, usePageShow } from '../../../platform/nav';
import '../cost.css';

/**
 * An order's costing in a period: its elements, and its direct material drilled down per item
 * (net quantity, value) to the ledger lines behind it (领料 / 退料 / 倒冲).
 */
export default function CostOrderPage() {
  const params = usePageParams();
  const period = params.period ?? '';
  const no = params.order ?? '';
  const [detail, setDetail] = useState<OrderCostDetail>();
  const [pools, setPools] = useState<CostPoolDefinition[]>([]);
  const [units, setUnits] = useState<Map<string, ItemInfo>>(new Map());
  const [error, setError] = useState<string>();

  const load = useCallback(async () => {
    setError(undefined);
    try {
      const [d, p] = await Promise.all([getOrderCost(period, no), listPools().catch(() => [])]);
      setDetail(d);
      setPools(p);
      setUnits(await itemInfo([d.order.item, ...d.materials.map((m) => m.item)]));
    } catch (e) {
      setError(refusalText(e));
    }
  }, [period, no]);
  usePageShow(() => void load());

  const o = detail?.order;
  return (
    <View className="page cost" data-testid="cost-order-page">
      {error ? (
        <View className="cost-error" data-testid="cost-order-error">
          {error}
        </View>
      ) : null}
      {o && detail ? (
        <View>
          <View className="card">
            <View className="row">
              <Text className="cost-title" data-testid="cost-order-no">
                {o.no}
              </Text>
              <Text className="cost-note">{ORDER_KIND_LABELS[o.kind]}</Text>
            </View>
            <View className="cost-text">
              {monthLabel(period)} · 产品 {nameWithCode(o.item, units.get(o.item)?.name)}
            </View>
            <View className="cost-figures">
              <Text>入库 {qtyWithUnit(o.received, units.get(o.item)?.unit)}</Text>
              <Text>
                单位成本 <Text data-testid="cost-order-unit-cost">{formatYuan(o.unitCost)}</Text>
              </Text>
            </View>
            <StackedBar
              testId="cost-order-bar"
              segments={composition(
                o,
                pools.map((p) => ({ code: p.code, name: p.name })),
              )}
            />
            <View className="cost-margin">
              <View className="cost-margin-row">
                <Text>完工成本</Text>
                <Text data-testid="cost-order-completed">{formatYuan(o.completed)}</Text>
              </View>
              <View className="cost-margin-row">
                <Text>期末在产品</Text>
                <Text data-testid="cost-order-wip">{formatYuan(o.closingWip)}</Text>
              </View>
              <View className="cost-margin-row">
                <Text>生产损失</Text>
                <Text data-testid="cost-order-loss">{formatYuan(o.loss)}</Text>
              </View>
            </View>
          </View>

          <View className="card" data-testid="cost-order-materials">
            <View className="cost-title">直接材料 {formatYuan(o.material)}</View>
            {detail.materials.length === 0 ? (
              <View className="cost-text">本期没有领用材料</View>
            ) : null}
            {detail.materials.map((m) => (
              <View key={m.item} className="cost-line" data-testid={`cost-material-${m.item}`}>
                <View className="cost-name">{nameWithCode(m.item, m.name)}</View>
                <View className="cost-margin-row">
                  <Text data-testid={`cost-material-${m.item}-qty`}>
                    {qtyWithUnit(m.qty, units.get(m.item)?.unit)}
                  </Text>
                  <Text data-testid={`cost-material-${m.item}-value`}>{formatYuan(m.value)}</Text>
                </View>
                {detail.lines
                  .filter((l) => l.item === m.item)
                  .map((l) => (
                    <View
                      key={`${l.doc}-${l.line}`}
                      className="cost-ledger"
                      data-testid={`cost-ledger-${l.doc}-${l.line}`}
                    >
                      <Text className="cost-ledger-kind">{materialKind(l)}</Text>
                      <Text className="cost-ledger-doc">
                        {l.doc} · {l.date}
                      </Text>
                      <Text
                        className="cost-ledger-qty"
                        data-testid={`cost-ledger-${l.doc}-${l.line}-qty`}
                      >
                        {qtyWithUnit(l.qty, units.get(l.item)?.unit)}
                      </Text>
                    </View>
                  ))}
                <View className="cost-note">
                  本期单位成本 {formatYuan(detail.lines.find((l) => l.item === m.item)?.unitCost)}
                </View>
              </View>
            ))}
          </View>
        </View>
      ) : null}
    </View>
  );
}

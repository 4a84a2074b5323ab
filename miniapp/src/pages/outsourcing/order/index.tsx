import type { OutsourcingOrder, PriceListEntry } from '@factory/shared';
import { Button, Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import { getOutsourcingOrder, outsourcingPrices } from '../../../api/outsourcing';
import { ErrorBanner } from '../../../components/Field';
import { qtyWithUnit } from '../../../lib/format';
import { compareDecimal } from '../../../lib/decimal';
import { formatSnapshot } from '../../../lib/money';
import { documentKindLabel, needKey, pricePolicy, unitPriceText } from '../../../lib/outsourcing';
import { goTo, usePageParams, usePageShow } from '../../../platform/nav';
import { getSession } from '../../../platform/session';
import { OrderSummary, useNames } from '../shared';

const CLERKS = ['warehouse', 'supervisor', 'admin'];

const breakLabel = (e: PriceListEntry, unit: string) =>
  compareDecimal(e.minQty, '0') === 0 ? '基础价' : `满 ${qtyWithUnit(e.minQty, unit)}`;
const windowLabel = (e: PriceListEntry) =>
  `${e.effectiveFrom} 起${e.effectiveTo ? `至 ${e.effectiveTo}` : ''}`;

/**
 * 委外订单详情: per component required / sent / at the subcontractor / consumed, the stock
 * documents, the fee accrued, and the price policy lookup: the processing price in force for
 * the order (its quantity's break on the order date, as the server prices receipts) beside
 * the other breaks.
 */
export default function OutsourcingOrderPage() {
  const no = usePageParams().no ?? '';
  const [order, setOrder] = useState<OutsourcingOrder>();
  const [prices, setPrices] = useState<PriceListEntry[]>();
  const [error, setError] = useState<string>();
  const names = useNames();
  const clerk = (getSession()?.roles ?? []).some((r) => CLERKS.includes(r));

  const load = useCallback(async () => {
    try {
      const o = await getOutsourcingOrder(no);
      setOrder(o);
      setError(undefined);
      const page = await outsourcingPrices(o.subcontractor, o.item).catch(() => undefined);
      setPrices(page?.items);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [no]);
  usePageShow(() => void load());

  if (!order)
    return (
      <View className="page" data-testid="os-order-page">
        <ErrorBanner messages={error ? [error] : []} />
        {error ? null : <View className="muted">加载中…</View>}
      </View>
    );
  const unit = names.unit(order.unit);
  const policy = prices ? pricePolicy(order, prices) : undefined;

  return (
    <View className="page" data-testid="os-order-page">
      <OrderSummary order={order} testId="os" unit={names.unit} />
      <View className="card" data-testid="os-fee">
        <View className="row">
          <Text className="label">已暂估加工费</Text>
          <Text className="total" data-testid="os-fee-amount">
            {formatSnapshot(order.accruedFee ?? { amount: 0, scale: 2 })}
          </Text>
        </View>
      </View>
      <View className="card" data-testid="os-price">
        <View className="title">委外价格政策</View>
        {!policy ? (
          <View className="muted">{prices === undefined ? '无权查看或加载中' : ''}</View>
        ) : policy.inForce ? (
          <View data-testid="os-price-in-force">
            本单加工单价 {unitPriceText(policy.inForce.unitPrice)}/{unit}（
            {breakLabel(policy.inForce, unit)}，{windowLabel(policy.inForce)}）
          </View>
        ) : (
          <View className="field-error" data-testid="os-price-none">
            {policy.date} 没有适用于 {qtyWithUnit(order.qty, unit)}{' '}
            的委外价格，入库会被拒绝，请先维护价格政策
          </View>
        )}
        {policy ? (
          <View className="muted" data-testid="os-price-basis">
            按下单日 {policy.date}、订单数量 {qtyWithUnit(order.qty, unit)} 取价
          </View>
        ) : null}
        {policy?.breaks.map((e) => (
          <View
            key={`${e.effectiveFrom}-${e.minQty}`}
            className="list-item"
            data-testid={`os-price-break-${e.minQty}`}
          >
            <View className="row">
              <Text>
                {e === policy.inForce ? '● ' : '○ '}
                {breakLabel(e, unit)}
              </Text>
              <Text>
                {unitPriceText(e.unitPrice)}/{unit}
              </Text>
            </View>
            <View className="muted">{windowLabel(e)}</View>
          </View>
        ))}
        {policy?.others.length ? (
          <View className="muted" data-testid="os-price-others">
            其他时段：
            {policy.others
              .map((e) => `${windowLabel(e)} ${breakLabel(e, unit)} ${unitPriceText(e.unitPrice)}`)
              .join('；')}
          </View>
        ) : null}
      </View>
      <View className="card" data-testid="os-components">
        <View className="title">用料</View>
        {order.components.map((c) => {
          const u = names.unit(c.unit);
          const key = needKey(c);
          return (
            <View key={key} className="list-item" data-testid={`os-comp-${key}`}>
              <View>{c.itemName ?? c.item}</View>
              <View className="muted" data-testid={`os-comp-${key}-figures`}>
                应发 {qtyWithUnit(c.required, u)} · 已发 {qtyWithUnit(c.sent, u)} · 在外协厂{' '}
                {qtyWithUnit(c.atSubcontractor, u)} · 已耗用 {qtyWithUnit(c.consumed, u)}
              </View>
              <View className="muted">
                {c.item} · 从 {names.warehouse(c.warehouse)}
                {c.trackingNo ? ` · 跟踪号 ${c.trackingNo}` : ''}
              </View>
            </View>
          );
        })}
        {order.subcontractorWarehouse ? (
          <View className="muted">外协仓 {names.warehouse(order.subcontractorWarehouse)}</View>
        ) : null}
      </View>
      <View className="card" data-testid="os-documents">
        <View className="title">单据</View>
        {order.documents.length === 0 ? <View className="muted">暂无发料或入库</View> : null}
        {order.documents.map((d) => (
          <View key={d.no} className="list-item" data-testid={`os-doc-${d.no}`}>
            <View className="row">
              <Text>
                {documentKindLabel(d.kind)} {d.no}
              </Text>
              <Text className="muted">{d.date}</Text>
            </View>
            {d.qty ? (
              <View className="muted">
                数量 {qtyWithUnit(d.qty, unit)}
                {d.unitPrice ? ` · 单价 ${unitPriceText(d.unitPrice)}` : ''}
                {d.fee ? ` · 加工费 ${formatSnapshot(d.fee)}` : ''}
              </View>
            ) : null}
          </View>
        ))}
      </View>
      <ErrorBanner messages={error ? [error] : []} />
      {clerk && order.status === 'open' ? (
        <View className="btn-row">
          <Button
            className="btn btn-primary"
            data-testid="os-go-send"
            onClick={() => goTo('osSend', { no: order.no })}
          >
            委外发料
          </Button>
          <Button
            className="btn btn-primary"
            data-testid="os-go-receipt"
            onClick={() => goTo('osReceipt', { no: order.no })}
          >
            委外入库
          </Button>
        </View>
      ) : null}
    </View>
  );
}

import type { PurchaseOrder, PurchaseOrderShare } from '@factory/shared';
import { Button, Text, View } from '@tarojs/components';
import { useCallback, useRef, useState } from 'react';
import {
  getPurchaseOrder,
  sharePurchaseOrder,
  submitPurchaseOrder,
  unitNames,
} from '../../../api/purchasing';
import { ErrorBanner } from '../../../components/Field';
import { formatTimestamp } from '../../../lib/dates';
import { formatSnapshot } from '../../../lib/money';
import { poStatusLabel, poStatusTone, rateToPercent } from '../../../lib/purchase';
import { SubmitKeys } from '../../../lib/submitKey';
import { submitWithKey } from '../../../lib/submitWithKey';
import { loadConfig } from '../../../platform/config';
import {
  copyText,
  goTo,
  stopPullDownRefresh,
  toast,
  usePageParams,
  usePageShow,
  usePullDownRefresh,
} from '../../../platform/nav';
import { unitLabel } from '../../../lib/units';

/**
 * 采购订单详情: supplier, lines with names, units, prices, VAT and what was received (and
 * returned), totals; submit a draft or rejected order for approval; for an approved order, a
 * read-only link for the supplier (a page printable to PDF), and receiving against it.
 */
export default function PurchaseOrderDetailPage() {
  const { no } = usePageParams();
  const [order, setOrder] = useState<PurchaseOrder>();
  const [units, setUnits] = useState<Map<string, string>>(new Map());
  const [share, setShare] = useState<PurchaseOrderShare & { full: string }>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const keys = useRef(new SubmitKeys());

  const load = useCallback(async () => {
    if (!no) return;
    setError(undefined);
    try {
      const [o, u] = await Promise.all([getPurchaseOrder(no), unitNames().catch(() => new Map())]);
      setOrder(o);
      setUnits(u);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [no]);
  usePageShow(() => void load());
  usePullDownRefresh(() => void load().finally(stopPullDownRefresh));

  const submit = async () => {
    if (!order) return;
    setBusy(true);
    setError(undefined);
    try {
      const next = await submitWithKey(keys.current, `submit:${order.no}`, order.version, (key) =>
        submitPurchaseOrder(order.no, order.version, key),
      );
      setOrder(next);
      toast(next.status === 'open' ? '订单已生效' : '已提交审批', 'success');
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const makeShare = async () => {
    if (!order) return;
    setBusy(true);
    setError(undefined);
    try {
      const s = await submitWithKey(keys.current, `share:${order.no}`, {}, (key) =>
        sharePurchaseOrder(order.no, key),
      );
      const full = `${(await loadConfig()).apiBaseUrl}${s.url}`;
      setShare({ ...s, full });
      copyText(full);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (!order)
    return (
      <View className="page" data-testid="po-detail-page">
        <ErrorBanner messages={error ? [error] : []} />
      </View>
    );
  const unit = (code?: string) => unitLabel(code, units);
  const approved = order.status === 'open' || order.status === 'closed';
  return (
    <View className="page" data-testid="po-detail-page">
      <ErrorBanner messages={error ? [error] : []} />
      <View className="card">
        <View className="row">
          <Text className="title" data-testid="po-no">
            {order.no}
          </Text>
          <Text className={`tag tag-${poStatusTone(order.status)}`} data-testid="po-status">
            {poStatusLabel(order.status)}
          </Text>
        </View>
        <View className="muted" data-testid="po-supplier-name">
          供应商：{order.supplierName ?? order.supplier}
        </View>
        {order.orderDate ? <View className="muted">订单日期：{order.orderDate}</View> : null}
        {order.remark ? <View className="muted">备注：{order.remark}</View> : null}
      </View>
      <View className="card">
        {order.lines.map((l) => (
          <View key={l.line} className="list-item" data-testid={`po-detail-line-${l.line}`}>
            <View className="row">
              <Text>
                {l.itemName ?? l.item}
                {l.closed ? '（已关闭）' : ''}
              </Text>
              <Text>{formatSnapshot(l.amountWithTax)}</Text>
            </View>
            <View className="muted">
              {l.item} · {l.qty} {unit(l.unit)} × ¥{l.unitPrice ?? '—'}
              {l.vatRate !== undefined ? ` · 税率 ${rateToPercent(l.vatRate)}%` : ''} · 交货{' '}
              {l.dueDate}
            </View>
            <View className="muted" data-testid={`po-detail-line-${l.line}-received`}>
              已收 {l.received} {unit(l.unit)}
            </View>
          </View>
        ))}
        <View className="row" style={{ marginTop: '16px' }}>
          <Text className="muted">不含税 / 税额</Text>
          <Text>
            {formatSnapshot(order.total)} / {formatSnapshot(order.tax)}
          </Text>
        </View>
        <View className="row">
          <Text>价税合计</Text>
          <Text className="total" data-testid="po-detail-total">
            {formatSnapshot(order.totalWithTax)}
          </Text>
        </View>
      </View>
      {order.returns?.length ? (
        <View className="card" data-testid="po-returns">
          <View className="label">退货</View>
          {order.returns.map((r) => (
            <View key={r.no} className="muted">
              {r.no} · {r.date} ·{' '}
              {r.lines.map((l) => `${l.itemName ?? l.item} ${l.qty} ${unit(l.unit)}`).join('，')}
              {r.reason ? ` · ${r.reason}` : ''}
            </View>
          ))}
        </View>
      ) : null}
      {share ? (
        <View className="card" data-testid="po-share">
          <View className="label">
            供应商链接（已复制，{formatTimestamp(share.expiresAt)} 前有效）
          </View>
          <Text selectable className="muted" data-testid="po-share-url">
            {share.full}
          </Text>
        </View>
      ) : null}
      <View className="btn-row">
        {order.status === 'draft' || order.status === 'rejected' ? (
          <Button
            className="btn btn-primary"
            data-testid="po-detail-submit"
            disabled={busy}
            onClick={() => void submit()}
          >
            {order.status === 'rejected' ? '重新提交' : '提交审批'}
          </Button>
        ) : null}
        {approved ? (
          <Button
            className="btn"
            data-testid="po-detail-share"
            disabled={busy}
            onClick={() => void makeShare()}
          >
            发给供应商
          </Button>
        ) : null}
        {order.status === 'open' ? (
          <Button
            className="btn btn-primary"
            data-testid="po-detail-receive"
            onClick={() => goTo('purchaseReceipt', { kind: 'purchase', po: order.no })}
          >
            收货
          </Button>
        ) : null}
      </View>
    </View>
  );
}

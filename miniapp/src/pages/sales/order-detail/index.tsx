import type { Approval, SalesOrder, SalesOrderProgress } from '@factory/shared';
import { Button, Input, Text, View } from '@tarojs/components';
import { useCallback, useRef, useState } from 'react';
import {
  cancelOrder,
  closeOrder,
  getApproval,
  getOrder,
  getOrderProgress,
  submitOrder,
} from '../../../api/sales';
import { ErrorBanner, Field } from '../../../components/Field';
import { OrderProgress } from '../../../components/OrderProgress';
import { StatusTag } from '../../../components/StatusTag';
import { orderActions } from '../../../lib/approvals';
import { formatTimestamp } from '../../../lib/dates';
import { formatSnapshot } from '../../../lib/money';
import { PROMISE_SOURCE_LABEL } from '../../../lib/promise';
import { rateToPercent } from '../../../lib/vat';
import { unitLabel } from '../../../lib/salesProgress';
import { decisionLabel } from '../../../lib/status';
import { SubmitKeys } from '../../../lib/submitKey';
import {
  confirmAction,
  goTo,
  stopPullDownRefresh,
  toast,
  usePageParams,
  usePageShow,
  usePullDownRefresh,
} from '../../../platform/nav';
import { ApiError } from '../../../platform/request';
import { getSession } from '../../../platform/session';

/**
 * 订单详情: status, lines with their VAT, the totals excluding and including VAT, the approval's
 * steps and comments; edit and submit a draft or a rejected order (submitted again), cancel a
 * draft, pending or rejected one (after a confirmation). A confirmed or closed order shows its
 * progress (订单进度): stock, task orders, purchase orders, delivered; a confirmed one can be
 * closed by hand with a reason (关闭订单, after a confirmation).
 */
export default function OrderDetailPage() {
  const { no } = usePageParams();
  const [order, setOrder] = useState<SalesOrder>();
  const [approval, setApproval] = useState<Approval>();
  const [progress, setProgress] = useState<SalesOrderProgress>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  /** The reason typed to close the order by hand; undefined while the form is not open. */
  const [closeReason, setCloseReason] = useState<string>();
  const [closeError, setCloseError] = useState<string>();
  const keys = useRef(new SubmitKeys());

  const load = useCallback(async () => {
    if (!no) return;
    setError(undefined);
    try {
      const o = await getOrder(no);
      setOrder(o);
      setApproval(
        o.approvalId ? await getApproval(o.approvalId).catch(() => undefined) : undefined,
      );
      // Production and deliveries only concern an order that was confirmed.
      setProgress(
        o.status === 'confirmed' || o.status === 'closed'
          ? await getOrderProgress(o.no).catch(() => undefined)
          : undefined,
      );
    } catch (e) {
      setError((e as Error).message);
    }
  }, [no]);

  usePageShow(() => void load());
  usePullDownRefresh(() => void load().finally(stopPullDownRefresh));

  const act = async (what: 'submit' | 'cancel') => {
    if (!order) return;
    if (
      what === 'cancel' &&
      !(await confirmAction({
        title: '确认取消订单',
        content: `取消销售订单 ${order.no}？取消后不能恢复。`,
        confirmText: '取消订单',
      }))
    )
      return;
    setBusy(true);
    setError(undefined);
    const action = `${what}:${order.no}`;
    try {
      const key = keys.current.keyFor(action, { version: order.version });
      const next =
        what === 'submit'
          ? await submitOrder(order.no, order.version, key)
          : await cancelOrder(order.no, order.version);
      keys.current.settled(action);
      toast(what === 'submit' ? '已提交' : '订单已取消', 'success');
      setOrder(next);
      await load();
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 0)) keys.current.settled(action);
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const close = async () => {
    if (!order) return;
    const reason = closeReason?.trim() ?? '';
    if (!reason) {
      setCloseError('请填写关闭原因');
      return;
    }
    if (
      !(await confirmAction({
        title: '确认关闭订单',
        content: `关闭销售订单 ${order.no}？未发货的数量将不再生产和交付。原因：${reason}`,
        confirmText: '关闭',
      }))
    )
      return;
    setBusy(true);
    setError(undefined);
    setCloseError(undefined);
    const action = `close:${order.no}`;
    try {
      const key = keys.current.keyFor(action, { version: order.version, reason });
      const closed = await closeOrder(order.no, order.version, reason, key);
      keys.current.settled(action);
      toast('订单已关闭', 'success');
      setOrder(closed);
      setCloseReason(undefined);
      await load();
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 0)) keys.current.settled(action);
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (!order)
    return (
      <View className="page" data-testid="order-detail-page">
        <ErrorBanner messages={error ? [error] : []} />
      </View>
    );
  const session = getSession();
  const allowed = orderActions(order, { user: session?.user, roles: session?.roles ?? [] });
  // Closing by hand: the rep who entered the order, or a manager/admin (as the API decides).
  const mayClose =
    order.status === 'confirmed' &&
    order.origin === 'entry' &&
    !!session &&
    (order.createdBy === session.user ||
      session.roles.some((r) => r === 'manager' || r === 'admin'));
  return (
    <View className="page" data-testid="order-detail-page">
      <ErrorBanner messages={error ? [error] : []} />
      <View className="card">
        <View className="row">
          <Text className="title" data-testid="order-no">
            {order.no}
          </Text>
          <StatusTag status={order.status} testId="order-status" />
        </View>
        <View className="muted">客户：{order.customerName ?? order.customer}</View>
        {order.orderDate ? <View className="muted">下单日期：{order.orderDate}</View> : null}
        {order.remark ? <View className="muted">备注：{order.remark}</View> : null}
      </View>
      <View className="card">
        {order.lines.map((l) => (
          <View key={l.line} className="list-item" data-testid={`order-line-${l.line}`}>
            <View className="row">
              <Text>
                {l.item} {l.itemName ?? ''}
              </Text>
              <Text>{formatSnapshot(l.amountWithTax ?? l.amount)}</Text>
            </View>
            <View className="muted">
              {l.qty} {unitLabel(l.unit)} × {l.unitPrice ?? '—'} 元
              {l.vatRate !== undefined ? ` · 税率 ${rateToPercent(l.vatRate)}%` : ''} · 交货{' '}
              {l.dueDate}
            </View>
            {l.promisedDate ? (
              <View className="row promise-row" data-testid={`order-line-${l.line}-promise`}>
                <Text className="promise-label">承诺交期</Text>
                <Text className="promise-value">
                  {l.promisedDate}
                  {l.promiseSource ? `（${PROMISE_SOURCE_LABEL[l.promiseSource]}）` : ''}
                </Text>
              </View>
            ) : null}
          </View>
        ))}
        <View className="row" style={{ marginTop: '16px' }}>
          <Text className={order.totalWithTax ? 'muted' : ''}>
            {order.totalWithTax ? '合计（不含税）' : '合计'}
          </Text>
          <Text className={order.totalWithTax ? '' : 'total'} data-testid="order-total">
            {formatSnapshot(order.total)}
          </Text>
        </View>
        {order.totalWithTax ? (
          <>
            <View className="row">
              <Text className="muted">税额</Text>
              <Text data-testid="order-tax">{formatSnapshot(order.tax)}</Text>
            </View>
            <View className="row">
              <Text>价税合计</Text>
              <Text className="total" data-testid="order-total-with-tax">
                {formatSnapshot(order.totalWithTax)}
              </Text>
            </View>
          </>
        ) : null}
      </View>
      {order.status === 'closed' ? (
        <View className="muted" data-testid="order-closed-hint">
          订单已关闭{order.closeReason ? `：${order.closeReason}` : ''}
        </View>
      ) : null}
      {approval ? (
        <View className="card" data-testid="order-approval">
          <View className="label">审批（{decisionLabel(approval.status)}）</View>
          {approval.steps.map((s) => (
            <View key={s.step} className="muted">
              {s.step}. {s.name}：{decisionLabel(s.status)}
              {s.decidedBy ? ` · ${s.decidedBy} ${formatTimestamp(s.decidedAt)}` : ''}
            </View>
          ))}
          {approval.history
            .filter((h) => h.comment)
            .map((h) => (
              <View key={`${h.at}-${h.by}`} className="muted">
                {h.by}：{h.comment}
              </View>
            ))}
        </View>
      ) : null}
      {progress ? <OrderProgress progress={progress} /> : null}
      {order.status === 'rejected' ? (
        <View className="muted" data-testid="order-rejected-hint">
          订单已被驳回，可修改后重新提交，或取消订单
        </View>
      ) : null}
      <View className="btn-row">
        {allowed.edit ? (
          <Button
            className="btn"
            data-testid="order-edit"
            onClick={() => goTo('orderEdit', { no: order.no })}
          >
            编辑
          </Button>
        ) : null}
        {allowed.submit ? (
          <Button
            className="btn btn-primary"
            data-testid="order-submit"
            disabled={busy}
            onClick={() => void act('submit')}
          >
            {order.status === 'rejected' ? '重新提交' : '提交'}
          </Button>
        ) : null}
        {mayClose && closeReason === undefined ? (
          <Button
            className="btn"
            data-testid="order-close"
            disabled={busy}
            onClick={() => setCloseReason('')}
          >
            关闭订单
          </Button>
        ) : null}
        {allowed.cancel ? (
          <Button
            className="btn btn-danger"
            data-testid="order-cancel"
            disabled={busy}
            onClick={() => void act('cancel')}
          >
            取消订单
          </Button>
        ) : null}
      </View>
      {closeReason !== undefined ? (
        <View className="card" data-testid="order-close-form">
          <Field label="关闭原因" error={closeError} testId="order-close-reason">
            <Input
              className={`input${closeError ? ' input-error' : ''}`}
              data-testid="order-close-reason"
              placeholder="如：客户不要剩余数量"
              value={closeReason}
              onInput={(e) => setCloseReason(e.detail.value)}
            />
          </Field>
          <View className="btn-row">
            <Button
              className="btn"
              data-testid="order-close-back"
              onClick={() => {
                setCloseReason(undefined);
                setCloseError(undefined);
              }}
            >
              返回
            </Button>
            <Button
              className="btn btn-danger"
              data-testid="order-close-confirm"
              disabled={busy}
              onClick={() => void close()}
            >
              关闭订单
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  );
}

import type { SalesOrder, SalesOrderStatus } from '@factory/shared';
import { Button, Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import { listOrders } from '../../../api/sales';
import { ErrorBanner } from '../../../components/Field';
import { StatusTag } from '../../../components/StatusTag';
import { PartnerName } from '../../../components/PartnerName';
import { formatSnapshot } from '../../../lib/money';
import { statusLabel } from '../../../lib/status';
import { goTo, stopPullDownRefresh, usePageShow, usePullDownRefresh } from '../../../platform/nav';

const FILTERS: (SalesOrderStatus | undefined)[] = [
  undefined,
  'draft',
  'pending',
  'confirmed',
  'rejected',
  'cancelled',
  'closed',
];

/** 我的订单: newest first, filtered by status, each with its status label. */
export default function OrdersPage() {
  const [status, setStatus] = useState<SalesOrderStatus>();
  const [orders, setOrders] = useState<SalesOrder[]>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string>();

  const load = useCallback(async (s: SalesOrderStatus | undefined, more?: string) => {
    setError(undefined);
    try {
      const page = await listOrders(s, more);
      setOrders((prev) => (more ? [...(prev ?? []), ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);

  usePageShow(() => void load(status));
  usePullDownRefresh(() => void load(status).finally(stopPullDownRefresh));

  return (
    <View className="page" data-testid="orders-page">
      <View className="tiles" style={{ marginBottom: '20px' }}>
        {FILTERS.map((s) => (
          <Text
            key={s ?? 'all'}
            className={`tag chip${status === s ? '' : ' tag-draft'}`}
            data-testid={`orders-filter-${s ?? 'all'}`}
            onClick={() => {
              setStatus(s);
              void load(s);
            }}
          >
            {s ? statusLabel(s) : '全部'}
          </Text>
        ))}
      </View>
      <ErrorBanner messages={error ? [error] : []} />
      {orders?.length === 0 ? <View className="muted">暂无订单</View> : null}
      {orders?.map((o) => (
        <View
          key={o.no}
          className="list-item"
          data-testid={`order-row-${o.no}`}
          onClick={() => goTo('orderDetail', { no: o.no })}
        >
          <View className="row">
            <Text>{o.no}</Text>
            <StatusTag status={o.status} testId={`order-row-${o.no}-status`} />
          </View>
          <View className="row">
            <Text className="muted">
              <PartnerName
                code={o.customer}
                name={o.customerName}
                testId={`order-row-${o.no}-customer`}
              />{' '}
              · {o.lines.length} 行
            </Text>
            {/* 价税合计 where the order has VAT; older orders show their total (excl. VAT). */}
            <Text>{formatSnapshot(o.totalWithTax ?? o.total)}</Text>
          </View>
        </View>
      ))}
      {cursor ? (
        <Button className="btn" data-testid="orders-more" onClick={() => void load(status, cursor)}>
          加载更多
        </Button>
      ) : null}
      <Button
        className="btn btn-primary"
        style={{ marginTop: '24px' }}
        data-testid="orders-new"
        onClick={() => goTo('orderEdit')}
      >
        新建订单
      </Button>
    </View>
  );
}

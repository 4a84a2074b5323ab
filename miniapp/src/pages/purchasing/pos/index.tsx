import type { PurchaseOrder, PurchaseOrderStatus } from '@factory/shared';
import { Button, Input, Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import { listPurchaseOrders } from '../../../api/purchasing';
import { ErrorBanner } from '../../../components/Field';
import { PartnerName } from '../../../components/PartnerName';
import { formatSnapshot } from '../../../lib/money';
import { poStatusLabel, poStatusTone } from '../../../lib/purchase';
import { goTo, stopPullDownRefresh, usePageShow, usePullDownRefresh } from '../../../platform/nav';

const FILTERS: (PurchaseOrderStatus | undefined)[] = [
  undefined,
  'draft',
  'pending',
  'open',
  'rejected',
  'closed',
];

/** 采购订单: by status, searched by number, supplier or remark; each with supplier and amount. */
export default function PurchaseOrdersPage() {
  const [status, setStatus] = useState<PurchaseOrderStatus>();
  const [q, setQ] = useState('');
  const [orders, setOrders] = useState<PurchaseOrder[]>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string>();

  const load = useCallback(
    async (s: PurchaseOrderStatus | undefined, text: string, more?: string) => {
      setError(undefined);
      try {
        const page = await listPurchaseOrders({
          ...(s ? { status: s } : {}),
          ...(text.trim() ? { q: text.trim() } : {}),
          ...(more ? { cursor: more } : {}),
        });
        setOrders((prev) => (more ? [...(prev ?? []), ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (e) {
        setError((e as Error).message);
      }
    },
    [],
  );

  usePageShow(() => void load(status, q));
  usePullDownRefresh(() => void load(status, q).finally(stopPullDownRefresh));

  return (
    <View className="page" data-testid="pos-page">
      <Input
        className="input"
        style={{ marginBottom: '16px' }}
        data-testid="pos-search"
        placeholder="搜索单号、供应商、备注"
        value={q}
        onInput={(e) => setQ(e.detail.value)}
        onConfirm={() => void load(status, q)}
      />
      <View className="tiles" style={{ marginBottom: '20px' }}>
        {FILTERS.map((s) => (
          <Text
            key={s ?? 'all'}
            className={`tag chip${status === s ? '' : ' tag-draft'}`}
            data-testid={`pos-filter-${s ?? 'all'}`}
            onClick={() => {
              setStatus(s);
              void load(s, q);
            }}
          >
            {s ? poStatusLabel(s) : '全部'}
          </Text>
        ))}
      </View>
      <ErrorBanner messages={error ? [error] : []} />
      {orders?.length === 0 ? <View className="muted">暂无采购订单</View> : null}
      {orders?.map((o) => (
        <View
          key={o.no}
          className="list-item"
          data-testid={`po-row-${o.no}`}
          onClick={() => goTo('poDetail', { no: o.no })}
        >
          <View className="row">
            <Text>{o.no}</Text>
            <Text
              className={`tag tag-${poStatusTone(o.status)}`}
              data-testid={`po-row-${o.no}-status`}
            >
              {poStatusLabel(o.status)}
            </Text>
          </View>
          <View className="row">
            <Text className="muted">
              <PartnerName
                code={o.supplier}
                name={o.supplierName}
                testId={`po-row-${o.no}-supplier`}
              />{' '}
              · {o.lines.length} 行
            </Text>
            <Text>{formatSnapshot(o.totalWithTax)}</Text>
          </View>
        </View>
      ))}
      {cursor ? (
        <Button className="btn" data-testid="pos-more" onClick={() => void load(status, q, cursor)}>
          加载更多
        </Button>
      ) : null}
      <Button
        className="btn btn-primary"
        style={{ marginTop: '24px' }}
        data-testid="pos-new"
        onClick={() => goTo('poEdit')}
      >
        新建采购订单
      </Button>
    </View>
  );
}

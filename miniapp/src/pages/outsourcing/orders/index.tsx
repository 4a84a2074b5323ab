import type { Item, OutsourcingOrder, OutsourcingOrderStatus, Partner } from '@factory/shared';
import { Button, Text, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import { listPartners } from '../../../api/masterData';
import { listOutsourcingOrders } from '../../../api/outsourcing';
import { itemsByCode } from '../../../api/shopfloor';
import { ErrorBanner } from '../../../components/Field';
import { PartnerName } from '../../../components/PartnerName';
import { qtyWithUnit } from '../../../lib/format';
import { osStatusLabel, osStatusTone } from '../../../lib/outsourcing';
import { goTo, stopPullDownRefresh, usePageShow, usePullDownRefresh } from '../../../platform/nav';
import { getSession } from '../../../platform/session';
import { useNames } from '../shared';

const STATUSES: (OutsourcingOrderStatus | undefined)[] = ['open', 'completed', 'closed', undefined];
/** Who sends and receives (the API's OUTSOURCING_CLERKS). */
const CLERKS = ['warehouse', 'supervisor', 'admin'];

/**
 * 委外订单: open orders of all subcontractors or one, each with its item, quantity, received,
 * due date and subcontractor; a tap opens the order. The warehouse starts a send or a receipt
 * by scan from here.
 */
export default function OutsourcingOrdersPage() {
  const [status, setStatus] = useState<OutsourcingOrderStatus | undefined>('open');
  const [sub, setSub] = useState<string>();
  const [subs, setSubs] = useState<Partner[]>([]);
  const [orders, setOrders] = useState<OutsourcingOrder[]>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  /** The list answers codes: item names and units come from the item master. */
  const [items, setItems] = useState<Record<string, Item>>({});
  const names = useNames();
  const clerk = (getSession()?.roles ?? []).some((r) => CLERKS.includes(r));

  useEffect(() => {
    listPartners('', 100)
      .then((p) => setSubs(p.items.filter((x) => x.active && x.roles.includes('subcontractor'))))
      .catch(() => undefined);
  }, []);

  const load = useCallback(
    async (s: OutsourcingOrderStatus | undefined, partner: string | undefined, more?: string) => {
      setError(undefined);
      try {
        const page = await listOutsourcingOrders({
          ...(s ? { status: s } : {}),
          ...(partner ? { subcontractor: partner } : {}),
          ...(more ? { cursor: more } : {}),
        });
        const found = await itemsByCode(page.items.map((o) => o.item));
        setItems((known) => ({ ...known, ...found }));
        setOrders((prev) => (more ? [...(prev ?? []), ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (e) {
        setError((e as Error).message);
      }
    },
    [],
  );
  usePageShow(() => void load(status, sub));
  usePullDownRefresh(() => void load(status, sub).finally(stopPullDownRefresh));

  return (
    <View className="page" data-testid="os-orders-page">
      {clerk ? (
        <View className="btn-row" style={{ marginBottom: '20px' }}>
          <Button className="btn" data-testid="os-orders-send" onClick={() => goTo('osSend')}>
            扫码发料
          </Button>
          <Button className="btn" data-testid="os-orders-receipt" onClick={() => goTo('osReceipt')}>
            扫码入库
          </Button>
        </View>
      ) : null}
      <View className="tiles" style={{ marginBottom: '16px' }}>
        {STATUSES.map((s) => (
          <Text
            key={s ?? 'all'}
            className={`tag chip${status === s ? '' : ' tag-draft'}`}
            data-testid={`os-filter-${s ?? 'all'}`}
            onClick={() => {
              setStatus(s);
              void load(s, sub);
            }}
          >
            {s ? osStatusLabel(s) : '全部状态'}
          </Text>
        ))}
      </View>
      <View className="tiles" style={{ marginBottom: '20px' }}>
        {[undefined, ...subs].map((p) => (
          <Text
            key={p?.code ?? 'all'}
            className={`tag chip${sub === p?.code ? '' : ' tag-draft'}`}
            data-testid={`os-sub-${p?.code ?? 'all'}`}
            onClick={() => {
              setSub(p?.code);
              void load(status, p?.code);
            }}
          >
            {p ? p.name : '全部外协厂'}
          </Text>
        ))}
      </View>
      <ErrorBanner messages={error ? [error] : []} />
      {orders?.length === 0 ? (
        <View className="muted" data-testid="os-orders-empty">
          暂无委外订单
        </View>
      ) : null}
      {orders?.map((o) => {
        const item = items[o.item];
        const unit = names.unit(o.unit ?? item?.unit);
        const sub = o.subcontractorName ?? subs.find((p) => p.code === o.subcontractor)?.name;
        return (
          <View
            key={o.no}
            className="list-item"
            data-testid={`os-row-${o.no}`}
            onClick={() => goTo('osOrder', { no: o.no })}
          >
            <View className="row">
              <Text>{o.no}</Text>
              <Text className={`tag tag-${osStatusTone(o.status)}`}>{osStatusLabel(o.status)}</Text>
            </View>
            <View data-testid={`os-row-${o.no}-item`}>
              {o.itemName ?? item?.name ?? o.item} · {qtyWithUnit(o.qty, unit)} · 已收{' '}
              {qtyWithUnit(o.received, unit)}
            </View>
            <View className="muted" data-testid={`os-row-${o.no}-sub`}>
              <PartnerName code={o.subcontractor} name={sub} /> · 交期 {o.dueDate}
            </View>
          </View>
        );
      })}
      {cursor ? (
        <Button
          className="btn"
          data-testid="os-more"
          onClick={() => void load(status, sub, cursor)}
        >
          加载更多
        </Button>
      ) : null}
    </View>
  );
}

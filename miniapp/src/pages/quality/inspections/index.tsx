import type { InspectionStatus, InspectionView } from '@factory/shared';
import { Button, Text, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import { unitNames } from '../../../api/purchasing';
import { listInspections } from '../../../api/quality';
import { ErrorBanner } from '../../../components/Field';
import { ScanBox } from '../../../components/ScanBox';
import { PartnerName } from '../../../components/PartnerName';
import {
  ageInDays,
  ageLabel,
  inspectionStatusLabel,
  inspectionStatusTone,
  receiptKindLabel,
} from '../../../lib/quality';
import { qtyWithUnit } from '../../../lib/format';
import { unitLabel } from '../../../lib/units';
import { goTo, stopPullDownRefresh, usePageShow, usePullDownRefresh } from '../../../platform/nav';

const TABS: InspectionStatus[] = ['open', 'inspected', 'disposed'];

/**
 * 我的检验: inspection orders oldest first by status (待检 / 待处置 / 已完成), each with the
 * item, quantity, receipt kind, partner and how long it has waited; scanning a receipt label
 * (the receipt document or the inspection number) opens its order.
 */
export default function InspectionsPage() {
  const [status, setStatus] = useState<InspectionStatus>('open');
  const [orders, setOrders] = useState<InspectionView[]>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const [scanError, setScanError] = useState<string>();
  const [units, setUnits] = useState<Map<string, string>>(new Map());

  useEffect(() => {
    unitNames()
      .then(setUnits)
      .catch(() => undefined);
  }, []);

  const load = useCallback(async (s: InspectionStatus, more?: string) => {
    setError(undefined);
    try {
      const page = await listInspections({ status: s, ...(more ? { cursor: more } : {}) });
      setOrders((prev) => (more ? [...(prev ?? []), ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);

  usePageShow(() => void load(status));
  usePullDownRefresh(() => void load(status).finally(stopPullDownRefresh));

  const onScan = (value: string): boolean => {
    const code = value.trim();
    setScanError(undefined);
    if (!code) {
      setScanError('请扫码或输入入库单号');
      return false;
    }
    void (async () => {
      try {
        // Pending first (what the inspector works on); else any order of that receipt.
        let found = (await listInspections({ receipt: code })).items;
        if (!found.length)
          found = (await listInspections({ receipt: code, status: 'disposed' })).items;
        if (found.length === 1) {
          goTo('inspection', { no: found[0]!.no });
        } else if (found.length > 1) {
          setOrders(found);
          setCursor(null);
        } else {
          setScanError(`没有找到入库单 ${code} 的检验单`);
        }
      } catch (e) {
        setScanError((e as Error).message);
      }
    })();
    return true;
  };

  const now = new Date();
  return (
    <View className="page" data-testid="inspections-page">
      <ScanBox
        testId="inspections"
        hint="扫入库标签（入库单号或检验单号）打开检验单"
        error={scanError}
        onScan={onScan}
      />
      <View className="tabs">
        {TABS.map((s) => (
          <View
            key={s}
            className={`tab${status === s ? ' tab-active' : ''}`}
            data-testid={`inspections-tab-${s}`}
            onClick={() => {
              setStatus(s);
              setOrders(undefined);
              void load(s);
            }}
          >
            {inspectionStatusLabel(s)}
          </View>
        ))}
      </View>
      <ErrorBanner messages={error ? [error] : []} />
      {orders?.length === 0 ? (
        <View className="muted" data-testid="inspections-empty">
          暂无{inspectionStatusLabel(status)}的检验单
        </View>
      ) : null}
      {orders?.map((o) => (
        <View
          key={o.no}
          className="list-item"
          data-testid={`inspection-row-${o.no}`}
          onClick={() => goTo('inspection', { no: o.no })}
        >
          <View className="row">
            <Text className="tile-title">{o.itemName ?? o.item}</Text>
            <Text className={`tag tag-${inspectionStatusTone(o.status)}`}>
              {inspectionStatusLabel(o.status)}
            </Text>
          </View>
          <View className="row">
            <Text className="muted">
              {o.item} · {receiptKindLabel(o.receipt.kind)}
            </Text>
            <Text data-testid={`inspection-row-${o.no}-qty`}>
              {qtyWithUnit(o.qty, unitLabel(o.unit, units))}
            </Text>
          </View>
          <View className="row">
            <Text className="muted" data-testid={`inspection-row-${o.no}-partner`}>
              {o.partner ? (
                <PartnerName code={o.partner} name={o.partnerName} />
              ) : (
                (o.warehouseName ?? '')
              )}
            </Text>
            <Text className="muted" data-testid={`inspection-row-${o.no}-age`}>
              {o.status === 'disposed' ? o.no : ageLabel(ageInDays(o.openedAt, now))}
            </Text>
          </View>
        </View>
      ))}
      {cursor ? (
        <Button
          className="btn"
          data-testid="inspections-more"
          onClick={() => void load(status, cursor)}
        >
          加载更多
        </Button>
      ) : null}
    </View>
  );
}

import type { InspectionDetail } from '@factory/shared';
import { Text, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import { unitNames } from '../../../api/purchasing';
import { getInspection } from '../../../api/quality';
import { ErrorBanner } from '../../../components/Field';
import { qtyWithUnit } from '../../../lib/format';
import { formatTimestamp } from '../../../lib/dates';
import { compareDecimal } from '../../../lib/decimal';
import {
  ageInDays,
  ageLabel,
  inspectionStatusLabel,
  inspectionStatusTone,
  receiptKindLabel,
} from '../../../lib/quality';
import { unitLabel } from '../../../lib/units';
import { usePageParams } from '../../../platform/nav';
import { DispositionForm, DispositionList } from './Dispositions';
import { ResultForm } from './ResultForm';
import { ResultView } from './ResultView';

/**
 * 检验单: the order's facts and the plan's sample; while open the result form; then the result
 * (冲销 while nothing is disposed) and the disposition of the rejected quantity.
 */
export default function InspectionPage() {
  const no = usePageParams().no ?? '';
  const [order, setOrder] = useState<InspectionDetail>();
  const [error, setError] = useState<string>();
  const [units, setUnits] = useState<Map<string, string>>(new Map());

  const load = useCallback(async () => {
    setError(undefined);
    try {
      setOrder(await getInspection(no));
    } catch (e) {
      setError((e as Error).message);
    }
  }, [no]);

  useEffect(() => {
    void load();
    unitNames()
      .then(setUnits)
      .catch(() => undefined);
  }, [load]);

  if (!order) {
    return (
      <View className="page" data-testid="inspection-page">
        <ErrorBanner messages={error ? [error] : []} />
        {!error ? <View className="muted">加载中…</View> : null}
      </View>
    );
  }
  const unit = unitLabel(order.unit, units);
  const toDispose = order.status === 'inspected' && compareDecimal(order.undisposed, '0') > 0;
  return (
    <View className="page" data-testid="inspection-page">
      <ErrorBanner messages={error ? [error] : []} />
      <View className="card" data-testid="inspection-facts">
        <View className="row">
          <Text className="tile-title" data-testid="inspection-item">
            {order.itemName ?? order.item}
          </Text>
          <Text
            className={`tag tag-${inspectionStatusTone(order.status)}`}
            data-testid="inspection-status"
          >
            {inspectionStatusLabel(order.status)}
          </Text>
        </View>
        <View className="muted">
          {order.item} · 检验单 <Text data-testid="inspection-no">{order.no}</Text>
        </View>
        <Fact label="检验数量" testId="inspection-qty" value={qtyWithUnit(order.qty, unit)} />
        <Fact
          label="方案抽样"
          testId="inspection-sample"
          value={order.requiredSample ? qtyWithUnit(order.requiredSample, unit) : '无检验方案'}
        />
        <Fact
          label={receiptKindLabel(order.receipt.kind)}
          testId="inspection-receipt"
          value={`${order.receipt.doc} 第 ${order.receipt.line} 行`}
        />
        {order.source ? (
          <Fact label="来源订单" testId="inspection-source" value={order.source.order} />
        ) : null}
        {order.partnerName || order.partner ? (
          <Fact
            label={order.receipt.kind === 'customerReturn' ? '客户' : '供应商'}
            testId="inspection-partner"
            value={order.partnerName ?? order.partner ?? ''}
          />
        ) : null}
        <Fact
          label="仓库"
          testId="inspection-warehouse"
          value={`${order.warehouseName ?? order.warehouse}${order.lot ? ` · 批次 ${order.lot}` : ''}`}
        />
        <Fact
          label="开单时间"
          testId="inspection-opened"
          value={
            order.status === 'disposed'
              ? formatTimestamp(order.openedAt)
              : `${formatTimestamp(order.openedAt)} · ${ageLabel(ageInDays(order.openedAt, new Date()))}`
          }
        />
      </View>
      {order.status === 'open' ? (
        <ResultForm key={order.version} order={order} unit={unit} onPosted={() => void load()} />
      ) : null}
      <ResultView order={order} unit={unit} onReversed={() => void load()} />
      <DispositionList dispositions={order.dispositions} unit={unit} />
      {toDispose ? (
        <DispositionForm
          key={order.version}
          order={order}
          unit={unit}
          onDisposed={() => void load()}
        />
      ) : null}
    </View>
  );
}

function Fact(props: { label: string; value: string; testId: string }) {
  return (
    <View className="row" style={{ marginTop: '10px' }}>
      <Text className="muted">{props.label}</Text>
      <Text data-testid={props.testId}>{props.value}</Text>
    </View>
  );
}

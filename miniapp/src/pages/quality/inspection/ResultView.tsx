import type { InspectionDetail, InspectionResult } from '@factory/shared';
import { Button, Input, Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import { reverseResult } from '../../../api/quality';
import { ErrorBanner, Field } from '../../../components/Field';
import { qtyWithUnit } from '../../../lib/format';
import { formatTimestamp } from '../../../lib/dates';
import { toFieldErrors } from '../../../lib/fieldErrors';
import { personLabel } from '../../../lib/quality';
import { SubmitKeys } from '../../../lib/submitKey';
import { submitWithKey } from '../../../lib/submitWithKey';
import { useFieldErrors } from '../../../lib/useFieldErrors';
import { confirmAction, toast } from '../../../platform/nav';
import { ApiError } from '../../../platform/request';
import { getSession } from '../../../platform/session';

/** The result in force (and those reversed), with 冲销 while nothing has been disposed. */
export function ResultView(props: {
  order: InspectionDetail;
  unit: string;
  onReversed: () => void;
}) {
  const { order, unit } = props;
  const current = order.results.find((r) => r.id === order.result);
  const reversed = order.results.filter((r) => r.reversedBy);
  const canReverse = order.status === 'inspected' && order.dispositions.length === 0 && !!current;
  if (!current && !reversed.length) return null;
  return (
    <View>
      {current ? (
        <View className="card" data-testid="result-view">
          <View className="title">检验结果</View>
          <ResultLines result={current} order={order} unit={unit} testId="result-view" />
          {canReverse ? (
            <ReverseBox order={order} result={current} onReversed={props.onReversed} />
          ) : null}
        </View>
      ) : null}
      {reversed.map((r) => (
        <View key={r.id} className="card" data-testid="result-reversed">
          <View className="row">
            <Text className="label">已冲销的结果</Text>
            <Text className="tag tag-cancelled">已冲销</Text>
          </View>
          <ResultLines result={r} order={order} unit={unit} testId={`result-reversed-${r.id}`} />
          {reversalReason(order, r) ? (
            <View className="muted">冲销原因：{reversalReason(order, r)}</View>
          ) : null}
        </View>
      ))}
    </View>
  );
}

const reversalReason = (order: InspectionDetail, r: InspectionResult) =>
  order.results.find((x) => x.id === r.reversedBy)?.note;

function ResultLines(props: {
  result: InspectionResult;
  order: InspectionDetail;
  unit: string;
  testId: string;
}) {
  const { result: r, order, unit } = props;
  const name = (code: string) => order.defectChoices.find((c) => c.code === code)?.name ?? code;
  return (
    <View>
      <View className="row">
        <Text className="muted">抽样 / 合格 / 不合格</Text>
        <Text data-testid={`${props.testId}-qty`}>
          {r.sampled} / {r.accepted} / {r.rejected} {unit}
        </Text>
      </View>
      {r.defects.map((d) => (
        <View key={d.code} className="row" data-testid={`${props.testId}-defect-${d.code}`}>
          <Text className="muted">缺陷 {name(d.code)}</Text>
          <Text>{qtyWithUnit(d.qty, unit)}</Text>
        </View>
      ))}
      {r.note ? <View className="muted">备注：{r.note}</View> : null}
      <View className="muted">
        检验员 {r.inspectorName ?? personLabel(r.inspector, getSession())} · {formatTimestamp(r.at)}
      </View>
    </View>
  );
}

function ReverseBox(props: {
  order: InspectionDetail;
  result: InspectionResult;
  onReversed: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { errors, show, clear, reset } = useFieldErrors();
  const [banner, setBanner] = useState<string>();
  const [busy, setBusy] = useState(false);
  const keys = useRef(new SubmitKeys());
  const { order, result } = props;

  const send = async () => {
    setBanner(undefined);
    reset();
    if (!reason.trim()) {
      show({ reason: '请填写冲销原因' });
      return;
    }
    const sure = await confirmAction({
      title: '确认冲销',
      content: `冲销检验单 ${order.no} 的检验结果？库存将退回待检，需重新检验。\n原因：${reason.trim()}`,
      confirmText: '冲销',
    });
    if (!sure) return;
    const body = { reverses: result.id, reason: reason.trim() };
    setBusy(true);
    try {
      await submitWithKey(keys.current, `reverse:${result.id}`, body, (key) =>
        reverseResult(order.no, body, key),
      );
      toast('已冲销', 'success');
      props.onReversed();
    } catch (err) {
      const fe = err instanceof ApiError ? toFieldErrors(err.issues) : {};
      show(fe.reason ? { reason: fe.reason } : {});
      setBanner(fe.reverses ?? (err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (!open) {
    return (
      <Button
        className="btn"
        style={{ marginTop: '20px' }}
        data-testid="result-reverse-open"
        onClick={() => setOpen(true)}
      >
        冲销
      </Button>
    );
  }
  return (
    <View style={{ marginTop: '20px' }}>
      <ErrorBanner messages={banner ? [banner] : []} testId="reverse-banner" />
      <Field label="冲销原因" error={errors.reason} testId="result-reverse-reason">
        <Input
          className={`input${errors.reason ? ' input-error' : ''}`}
          data-testid="result-reverse-reason"
          placeholder="如：数量录错"
          value={reason}
          onInput={(e) => {
            clear('reason');
            setReason(e.detail.value);
          }}
        />
      </Field>
      <View className="btn-row">
        <Button className="btn" data-testid="result-reverse-cancel" onClick={() => setOpen(false)}>
          取消
        </Button>
        <Button
          className="btn btn-danger"
          data-testid="result-reverse-submit"
          loading={busy}
          disabled={busy}
          onClick={() => void send()}
        >
          冲销
        </Button>
      </View>
    </View>
  );
}

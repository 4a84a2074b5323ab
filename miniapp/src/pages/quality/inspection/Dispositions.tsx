import type { Disposition, DispositionKind, InspectionDetail } from '@factory/shared';
import { Button, Input, Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { dispose } from '../../../api/quality';
import { ErrorBanner, Field } from '../../../components/Field';
import { qtyWithUnit } from '../../../lib/format';
import { formatTimestamp } from '../../../lib/dates';
import { toFieldErrors } from '../../../lib/fieldErrors';
import {
  DISPOSITION_ORDER,
  checkSplit,
  concessionStatusLabel,
  dispositionLabel,
  personLabel,
  type SplitDraft,
} from '../../../lib/quality';
import { SubmitKeys } from '../../../lib/submitKey';
import { submitWithKey } from '../../../lib/submitWithKey';
import { useFieldErrors } from '../../../lib/useFieldErrors';
import { toast } from '../../../platform/nav';
import { ApiError } from '../../../platform/request';
import { getSession } from '../../../platform/session';

const HINTS: Record<DispositionKind, string> = {
  returnToSupplier: '开退货单，订单的已收数量减少',
  scrap: '出库报废，计入成本',
  rework: '开返修任务单（自制件、委外件）',
  concession: '让步接收，需审批',
};

const DOC_LABELS: Partial<Record<DispositionKind, string>> = {
  returnToSupplier: '退货单',
  scrap: '报废单',
  rework: '返修任务单',
};

/** Return is only for purchase and outsourcing receipts of an order line (the server says so too). */
const kindsFor = (order: InspectionDetail): DispositionKind[] =>
  DISPOSITION_ORDER.filter(
    (k) =>
      k !== 'returnToSupplier' ||
      ((order.receipt.kind === 'purchase' || order.receipt.kind === 'outsourcing') &&
        !!order.source?.line),
  );

/**
 * 处置: the undisposed rejected quantity split over 退货 / 报废 / 返修 / 让步接收; the split must
 * sum to it. Rework of a bought item is refused by the server, whose message shows here.
 */
export function DispositionForm(props: {
  order: InspectionDetail;
  unit: string;
  onDisposed: () => void;
}) {
  const { order, unit } = props;
  const [split, setSplit] = useState<SplitDraft>({});
  const [tried, setTried] = useState(false);
  /** The server's word after a failed submit: by kind, and `lines` for the sum. */
  const { errors: serverErrors, show, clear, reset } = useFieldErrors();
  const [banner, setBanner] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const keys = useRef(new SubmitKeys());
  const checked = checkSplit(order.undisposed, split);
  const errors = { ...serverErrors, ...(tried ? checked.errors : {}) };
  const kinds = kindsFor(order);

  const errorCount = Object.keys(errors).length;
  useEffect(() => {
    if (errorCount === 0) setBanner([]);
  }, [errorCount]);

  const submit = async () => {
    setTried(true);
    // The checks follow the typing from now on; what they find is shown.
    if (Object.keys(checked.errors).length) return show();
    reset();
    const body = { lines: checked.lines };
    setBusy(true);
    setBanner([]);
    try {
      await submitWithKey(keys.current, `dispose:${order.no}`, body, (key) =>
        dispose(order.no, body, key),
      );
      toast('处置已提交', 'success');
      props.onDisposed();
    } catch (err) {
      if (err instanceof ApiError && err.issues.length) {
        // lines.<i>.qty|kind -> the kind's field; the sum -> lines; anything else: the banner.
        const fe = toFieldErrors(err.issues);
        const mine: Record<string, string> = {};
        const rest: string[] = [];
        for (const [key, message] of Object.entries(fe)) {
          const m = /^lines\.(\d+)\./.exec(key);
          const kind = m ? checked.lines[Number(m[1])]?.kind : undefined;
          if (kind) mine[kind] ??= message;
          else if (key === 'lines') mine.lines = message;
          else rest.push(message);
        }
        show(mine);
        setBanner(rest.length ? rest : [err.message]);
      } else {
        setBanner([(err as Error).message || '提交失败']);
        show();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card" data-testid="disposition-form">
      <View className="title">处置不合格品</View>
      <View className="row" style={{ marginBottom: '16px' }}>
        <Text className="muted">待处置数量</Text>
        <Text className="total" data-testid="disposition-undisposed">
          {order.undisposed} {unit}
        </Text>
      </View>
      <ErrorBanner messages={banner} testId="disposition-banner" />
      {/* The sum's error is of the quantities as a whole: the cursor goes to the first. */}
      <View className="field" style={{ marginBottom: 0 }}>
        {kinds.map((k) => (
          <Field
            key={k}
            label={`${dispositionLabel(k)}（${HINTS[k]}）`}
            error={errors[k]}
            testId={`disposition-${k}`}
          >
            <Input
              className={`input${errors[k] ? ' input-error' : ''}`}
              data-testid={`disposition-${k}`}
              type="digit"
              placeholder="数量"
              value={split[k] ?? ''}
              onInput={(e) => {
                const v = e.detail.value;
                clear(k, 'lines');
                setSplit((s) => ({ ...s, [k]: v }));
              }}
            />
          </Field>
        ))}
        <View className="row">
          <Text className="muted">合计</Text>
          <Text data-testid="disposition-total">
            {checked.total} / {order.undisposed} {unit}
          </Text>
        </View>
        {errors.lines ? (
          <Text className="field-error" data-testid="disposition-lines-error">
            {errors.lines}
          </Text>
        ) : null}
      </View>
      <Button
        className="btn btn-primary"
        style={{ marginTop: '20px' }}
        data-testid="disposition-submit"
        loading={busy}
        disabled={busy}
        onClick={() => void submit()}
      >
        提交处置
      </Button>
    </View>
  );
}

/** What the dispositions made: documents, and the concession's approval status. */
export function DispositionList(props: { dispositions: Disposition[]; unit: string }) {
  if (!props.dispositions.length) return null;
  return (
    <View className="card" data-testid="disposition-list">
      <View className="title">处置结果</View>
      {props.dispositions.map((d, i) => (
        <View key={`${d.kind}-${i}`} className="field" data-testid={`disposition-done-${d.kind}`}>
          <View className="row">
            <Text>{dispositionLabel(d.kind)}</Text>
            <Text data-testid={`disposition-done-${d.kind}-qty`}>
              {qtyWithUnit(d.qty, props.unit)}
            </Text>
          </View>
          {d.doc ? (
            <View className="muted" data-testid={`disposition-done-${d.kind}-doc`}>
              {DOC_LABELS[d.kind] ?? '单据'} {d.doc}
            </View>
          ) : null}
          {d.approval ? (
            <View className="muted" data-testid={`disposition-done-${d.kind}-approval`}>
              审批：{concessionStatusLabel(d.approval.status)}
            </View>
          ) : null}
          {d.at ? (
            <View className="muted">
              {d.byName ?? (d.by ? personLabel(d.by, getSession()) : '')} {formatTimestamp(d.at)}
            </View>
          ) : null}
        </View>
      ))}
    </View>
  );
}

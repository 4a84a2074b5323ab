import type { InspectionDetail, InspectionResultInput } from '@factory/shared';
import { Button, Input, Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { postResult } from '../../../api/quality';
import { ErrorBanner, Field } from '../../../components/Field';
import { toFieldErrors, type FieldErrors, unplacedErrors } from '../../../lib/fieldErrors';
import { autoRejected, checkResultDraft, type ResultDraft } from '../../../lib/quality';
import { SubmitKeys } from '../../../lib/submitKey';
import { submitWithKey } from '../../../lib/submitWithKey';
import { useFieldErrors } from '../../../lib/useFieldErrors';
import { toast } from '../../../platform/nav';
import { ApiError } from '../../../platform/request';

type DefectDraft = { key: number; code: string; qty: string };
let nextKey = 1;

const FIELDS = ['sampled', 'accepted', 'rejected', 'defects', 'note'];
const isPlaced = (key: string) => FIELDS.includes(key) || /^defects\.\d+\.(code|qty)$/.test(key);

/**
 * The result of an open inspection order: sampled (the plan's sample filled in), accepted,
 * rejected (the rest of the lot as accepted is typed, still editable), defect lines and a note.
 * Checked here as the server checks it; after a first try the checks follow the typing, and
 * the server's own field errors show under their fields.
 */
export function ResultForm(props: { order: InspectionDetail; unit: string; onPosted: () => void }) {
  const { order, unit } = props;
  const [sampled, setSampled] = useState(order.requiredSample ?? '');
  const [accepted, setAccepted] = useState('');
  const [rejected, setRejected] = useState('');
  const [defects, setDefects] = useState<DefectDraft[]>([]);
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  /** The server's word on the fields after a failed submit; a changed field drops its own. */
  const { errors: serverErrors, show, clear: changed, reset } = useFieldErrors();
  const [banner, setBanner] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const keys = useRef(new SubmitKeys());

  const draft: ResultDraft = { sampled, accepted, rejected, defects };
  const clientErrors = tried ? checkResultDraft(order.qty, draft, order.requiredSample) : {};
  const errors: FieldErrors = { ...serverErrors, ...clientErrors };

  // Once every field is put right, the banner that announced the problems goes too.
  const errorCount = Object.keys(errors).length;
  useEffect(() => {
    if (errorCount === 0) setBanner([]);
  }, [errorCount]);

  /** A defect line changed: the server's word on what changed goes (the next submit asks again). */
  const setDefect = (key: number, patch: Partial<DefectDraft>) => {
    const i = defects.findIndex((d) => d.key === key);
    changed(...Object.keys(patch).map((f) => `defects.${i}.${f}`));
    setDefects((ds) => ds.map((d) => (d.key === key ? { ...d, ...patch } : d)));
  };

  const submit = async () => {
    setTried(true);
    const problems = checkResultDraft(order.qty, draft, order.requiredSample);
    if (Object.keys(problems).length) {
      setBanner(['请按提示修改后再提交']);
      // The checks follow the typing from now on; they are what is shown.
      show();
      return;
    }
    reset();
    const body: InspectionResultInput = {
      sampled: sampled.trim(),
      accepted: accepted.trim(),
      rejected: rejected.trim(),
      defects: defects.map((d) => ({ code: d.code, qty: d.qty.trim() })),
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    setBusy(true);
    setBanner([]);
    try {
      await submitWithKey(keys.current, `result:${order.no}`, body, (key) =>
        postResult(order.no, body, key),
      );
      toast('检验结果已提交', 'success');
      props.onPosted();
    } catch (err) {
      if (err instanceof ApiError && err.issues.length) {
        const fe = toFieldErrors(err.issues);
        show(fe);
        // Issues of no field here are said in the user's words.
        setBanner([err.message, ...unplacedErrors(fe, isPlaced)]);
      } else {
        setBanner([(err as Error).message || '提交失败']);
        show();
      }
    } finally {
      setBusy(false);
    }
  };

  const input = (testId: string, value: string, onInput: (v: string) => void, error?: string) => (
    <Input
      className={`input${error ? ' input-error' : ''}`}
      data-testid={testId}
      type="digit"
      value={value}
      onInput={(e) => onInput(e.detail.value)}
    />
  );
  const u = unit ? `（${unit}）` : '';

  return (
    <View data-testid="result-form">
      <ErrorBanner messages={banner} testId="result-banner" />
      <View className="card">
        <View className="title">检验结果</View>
        <Field
          label={`抽样数量${u}${order.requiredSample ? ` · 方案要求 ${order.requiredSample}` : ''}`}
          error={errors.sampled}
          testId="result-sampled"
        >
          {input(
            'result-sampled',
            sampled,
            (v) => {
              changed('sampled');
              setSampled(v);
            },
            errors.sampled,
          )}
        </Field>
        <Field label={`合格数量${u}`} error={errors.accepted} testId="result-accepted">
          {input(
            'result-accepted',
            accepted,
            (v) => {
              changed('accepted', 'rejected');
              setAccepted(v);
              setRejected((r) => autoRejected(order.qty, v, r));
            },
            errors.accepted,
          )}
        </Field>
        <Field label={`不合格数量${u}`} error={errors.rejected} testId="result-rejected">
          {input(
            'result-rejected',
            rejected,
            (v) => {
              changed('accepted', 'rejected');
              setRejected(v);
            },
            errors.rejected,
          )}
        </Field>
      </View>
      <View className="card" data-testid="result-defects">
        <View className="row" style={{ marginBottom: '12px' }}>
          <Text className="title">缺陷</Text>
          <Text
            className="tag chip"
            data-testid="result-defect-add"
            onClick={() => {
              // Answers "at least one defect" (said of the lines as a whole, so the lines' own
              // words from the server go with it; the checks that follow the typing stay).
              changed('defects');
              setDefects((ds) => [...ds, { key: nextKey++, code: '', qty: '' }]);
            }}
          >
            + 添加缺陷
          </Text>
        </View>
        {errors.defects ? (
          <Text className="field-error" data-testid="result-defects-error">
            {errors.defects}
          </Text>
        ) : null}
        {defects.length === 0 && !errors.defects ? (
          <View className="muted">无缺陷时不必填写</View>
        ) : null}
        {defects.map((d, i) => (
          <View key={d.key} className="defect-line" data-testid={`result-defect-${i}`}>
            <Field
              label={`缺陷 ${i + 1}`}
              error={errors[`defects.${i}.code`]}
              testId={`result-defect-${i}-code`}
            >
              <View className="chips">
                {props.order.defectChoices.map((c) => (
                  <Text
                    key={c.code}
                    className={`tag chip${d.code === c.code ? '' : ' tag-draft'}`}
                    data-testid={`result-defect-${i}-choice-${c.code}`}
                    onClick={() => setDefect(d.key, { code: c.code })}
                  >
                    {c.name}
                  </Text>
                ))}
              </View>
            </Field>
            <Field
              label={`缺陷数量${u}`}
              error={errors[`defects.${i}.qty`]}
              testId={`result-defect-${i}-qty`}
            >
              {input(
                `result-defect-${i}-qty`,
                d.qty,
                (v) => setDefect(d.key, { qty: v }),
                errors[`defects.${i}.qty`],
              )}
            </Field>
            <Text
              className="muted"
              data-testid={`result-defect-${i}-remove`}
              onClick={() => {
                // The lines below move up a place: their errors no longer match.
                changed('defects');
                setDefects((ds) => ds.filter((x) => x.key !== d.key));
              }}
            >
              删除此缺陷
            </Text>
          </View>
        ))}
        {props.order.defectChoices.length === 0 ? (
          <View className="muted">未设置缺陷代码，请联系质量主管</View>
        ) : null}
      </View>
      <View className="card">
        <Field label="备注" error={errors.note} testId="result-note">
          <Input
            className="input"
            data-testid="result-note"
            placeholder="选填"
            value={note}
            onInput={(e) => {
              changed('note');
              setNote(e.detail.value);
            }}
          />
        </Field>
      </View>
      <Button
        className="btn btn-primary"
        data-testid="result-submit"
        loading={busy}
        disabled={busy}
        onClick={() => void submit()}
      >
        提交检验结果
      </Button>
    </View>
  );
}

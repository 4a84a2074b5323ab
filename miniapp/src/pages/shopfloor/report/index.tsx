import type { WorkReportResult } from '@factory/shared';
import { Button, Input, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import { reportWork } from '../../../api/shopfloor';
import { ErrorBanner, Field } from '../../../components/Field';
import { isoDate } from '../../../lib/dates';
import { toFieldErrors, unplacedErrors } from '../../../lib/fieldErrors';
import { SubmitKeys } from '../../../lib/submitKey';
import { submitWithKey } from '../../../lib/submitWithKey';
import { useFieldErrors } from '../../../lib/useFieldErrors';
import { toast, usePageParams } from '../../../platform/nav';
import { ApiError } from '../../../platform/request';

const FIELDS = ['good', 'scrap', 'hours', 'note'];

/** 报工: good and scrap quantity and hours against a task order; errors under their fields. */
export default function WorkReportPage() {
  const no = usePageParams().no ?? '';
  const [form, setForm] = useState({ good: '', scrap: '0', hours: '', note: '' });
  const { errors, show, clear, reset } = useFieldErrors();
  const [banner, setBanner] = useState<string[]>([]);
  const [result, setResult] = useState<WorkReportResult>();
  const [busy, setBusy] = useState(false);
  const keys = useRef(new SubmitKeys());

  const submit = async () => {
    const body = {
      taskOrder: no,
      date: isoDate(new Date()),
      good: form.good.trim(),
      scrap: form.scrap.trim() || '0',
      hours: form.hours.trim() || '0',
      ...(form.note.trim() ? { note: form.note.trim() } : {}),
    };
    setBusy(true);
    reset();
    setBanner([]);
    try {
      const r = await submitWithKey(keys.current, `report:${no}`, body, (key) =>
        reportWork(body, key),
      );
      setResult(r);
      setForm({ good: '', scrap: '0', hours: '', note: '' });
      toast('报工成功', 'success');
    } catch (err) {
      if (err instanceof ApiError && err.issues.length) {
        const fe = toFieldErrors(err.issues);
        show(fe);
        // The rest in the user's words: the order and the date are not typed here.
        setBanner([err.message, ...unplacedErrors(fe, (k) => FIELDS.includes(k))]);
      } else {
        setBanner([(err as Error).message || '操作失败']);
        show();
      }
    } finally {
      setBusy(false);
    }
  };

  const input = (key: keyof typeof form, label: string, placeholder: string) => (
    <Field label={label} error={errors[key]} testId={`report-${key}`}>
      <Input
        className={`input${errors[key] ? ' input-error' : ''}`}
        data-testid={`report-${key}`}
        type={key === 'note' ? 'text' : 'digit'}
        placeholder={placeholder}
        value={form[key]}
        onInput={(e) => {
          const value = e.detail.value;
          setForm((f) => ({ ...f, [key]: value }));
          clear(key);
        }}
      />
    </Field>
  );

  const t = result?.taskOrder;
  return (
    <View className="page" data-testid="report-page">
      <View className="card">
        <View className="title">{no}</View>
        {input('good', '良品数量', '0')}
        {input('scrap', '报废数量', '0')}
        {input('hours', '工时（小时）', '0')}
        {input('note', '备注', '可选')}
      </View>
      <ErrorBanner messages={banner} />
      {result && t ? (
        <View className="card" data-testid="report-done">
          <View>
            报工 {result.report.no} 已提交{result.completed ? '，生产任务单已完工' : ''}
          </View>
          <View className="muted" data-testid="report-progress">
            累计良品 {t.reportedGood} · 报废 {t.reportedScrap} / {t.qty}
          </View>
        </View>
      ) : null}
      <Button
        className="btn btn-primary"
        data-testid="report-submit"
        disabled={busy}
        onClick={() => void submit()}
      >
        提交报工
      </Button>
    </View>
  );
}

import type { Forecast, WorkCalendar } from '@factory/shared';
import { Button, Input, Text, View } from '@tarojs/components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { listItems } from '../../../api/masterData';
import {
  addCalendarDate,
  createForecast,
  deleteForecast,
  getCalendar,
  listForecasts,
  listUnits,
  putWeekdays,
  removeCalendarDate,
  updateForecast,
  type CalendarDates,
} from '../../../api/planning';
import { DateField } from '../../../components/DateField';
import { ErrorBanner, Field } from '../../../components/Field';
import { SearchPicker, type PickerOption } from '../../../components/SearchPicker';
import { toFieldErrors, unplacedErrors, type FieldErrors } from '../../../lib/fieldErrors';
import { SubmitKeys } from '../../../lib/submitKey';
import { useFieldErrors } from '../../../lib/useFieldErrors';
import { unitLabel } from '../../../lib/units';
import { submitWithKey } from '../../../lib/submitWithKey';
import { confirmAction, toast } from '../../../platform/nav';
import { ApiError } from '../../../platform/request';

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];
const FORM_FIELDS = ['item', 'from', 'to', 'qty', 'note'];

type Draft = {
  /** The forecast changed (absent: a new one). */
  editing?: Forecast;
  item?: PickerOption;
  from: string;
  to: string;
  qty: string;
  note: string;
};
const emptyDraft = (): Draft => ({ from: '', to: '', qty: '', note: '' });

/** What an empty field is refused with (the API's own wording is about the format). */
const REQUIRED: Record<string, string> = {
  item: '请选择物料',
  from: '请选择开始日期',
  to: '请选择结束日期',
  qty: '请填写预测数量',
};

/**
 * The API's refusal of a forecast as field messages (when it names fields) and banner lines
 * (the rest); an empty field is asked for in words rather than by its format.
 */
function explain(err: unknown, draft: Draft): { fields: FieldErrors; banner: string[] } {
  if (!(err instanceof ApiError && err.issues.length))
    return { fields: {}, banner: [(err as Error).message] };
  const fields = toFieldErrors(err.issues);
  const typed: Record<string, string> = {
    item: draft.item?.value ?? '',
    from: draft.from.trim(),
    to: draft.to.trim(),
    qty: draft.qty.trim(),
  };
  for (const [key, message] of Object.entries(REQUIRED))
    if (fields[key] && !typed[key]) fields[key] = message;
  return { fields, banner: unplacedErrors(fields, (k) => FORM_FIELDS.includes(k)) };
}

/**
 * 计划输入 (planner): forecasts by item and period (add, change, delete) and the work calendar
 * (weekdays off, holidays, extra working days). MRP's next run uses what is saved here.
 */
export default function PlanningInputsPage() {
  const [tab, setTab] = useState<'forecasts' | 'calendar'>('forecasts');
  const [units, setUnits] = useState<Map<string, string>>(new Map());
  const [banner, setBanner] = useState<string[]>([]);

  useEffect(() => {
    listUnits()
      .then((p) => setUnits(new Map(p.items.map((u) => [u.code, u.name]))))
      .catch(() => undefined);
  }, []);

  return (
    <View className="page" data-testid="planning-page">
      <View className="tabs">
        <View
          className={`tab${tab === 'forecasts' ? ' tab-active' : ''}`}
          data-testid="planning-tab-forecasts"
          onClick={() => setTab('forecasts')}
        >
          预测
        </View>
        <View
          className={`tab${tab === 'calendar' ? ' tab-active' : ''}`}
          data-testid="planning-tab-calendar"
          onClick={() => setTab('calendar')}
        >
          工作日历
        </View>
      </View>
      <ErrorBanner messages={banner} testId="planning-error" />
      {tab === 'forecasts' ? (
        <Forecasts units={units} setBanner={setBanner} />
      ) : (
        <Calendar setBanner={setBanner} />
      )}
    </View>
  );
}

function Forecasts(props: { units: Map<string, string>; setBanner: (m: string[]) => void }) {
  const { setBanner } = props;
  const [filter, setFilter] = useState<PickerOption>();
  const [rows, setRows] = useState<Forecast[]>();
  const [draft, setDraft] = useState<Draft>();
  const { errors, show, clear, reset } = useFieldErrors();
  const [busy, setBusy] = useState(false);
  const keys = useRef(new SubmitKeys());

  const load = useCallback(() => {
    listForecasts(filter ? { item: filter.value } : {})
      .then((p) => setRows(p.items))
      .catch((e: Error) => setBanner([e.message]));
  }, [filter, setBanner]);
  useEffect(load, [load]);

  const searchItems = useCallback(
    async (q: string) =>
      (await listItems(q)).items
        .filter((i) => i.active)
        .map((i) => ({
          value: i.code,
          label: `${i.code} ${i.name}`,
          ...(i.spec ? { hint: i.spec } : {}),
        })),
    [],
  );
  const unitName = (code?: string) => unitLabel(code, props.units);

  const save = async () => {
    if (!draft) return;
    setBusy(true);
    reset();
    setBanner([]);
    try {
      if (draft.editing) {
        const f = draft.editing;
        const body = {
          expectedVersion: f.version,
          ...(draft.from !== f.from ? { from: draft.from.trim() } : {}),
          to: draft.to.trim(),
          qty: draft.qty.trim(),
          note: draft.note.trim() ? draft.note.trim() : null,
        };
        await submitWithKey(keys.current, `update:${f.item}:${f.from}`, body, (key) =>
          updateForecast(f.item, f.from, body, key),
        );
      } else {
        const body = {
          item: draft.item?.value ?? '',
          from: draft.from.trim(),
          to: draft.to.trim(),
          qty: draft.qty.trim(),
          ...(draft.note.trim() ? { note: draft.note.trim() } : {}),
        };
        await submitWithKey(keys.current, 'create', body, (key) => createForecast(body, key));
      }
      toast('已保存', 'success');
      setDraft(undefined);
      load();
    } catch (err) {
      const { fields, banner } = explain(err, draft);
      setBanner(banner);
      show(fields);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (f: Forecast) => {
    const ok = await confirmAction({
      title: '删除预测',
      content: `删除 ${f.itemName ?? f.item} ${f.from} 至 ${f.to} 的预测？`,
      confirmText: '删除',
    });
    if (!ok) return;
    setBanner([]);
    try {
      await deleteForecast(f.item, f.from, f.version);
      toast('已删除', 'success');
      load();
    } catch (err) {
      setBanner([(err as Error).message]);
      show();
    }
  };

  return (
    <View>
      <View className="card">
        <SearchPicker
          testId="forecast-filter"
          placeholder="按物料筛选（搜索编码或名称）"
          selected={filter}
          search={searchItems}
          onSelect={setFilter}
        />
        {filter ? (
          <Text
            className="muted"
            data-testid="forecast-filter-clear"
            onClick={() => setFilter(undefined)}
          >
            显示全部物料
          </Text>
        ) : null}
      </View>

      {draft ? (
        <View className="card" data-testid="forecast-form">
          <View className="title">{draft.editing ? '修改预测' : '新增预测'}</View>
          <Field label="物料" error={errors.item} testId="forecast-item">
            {draft.editing ? (
              <View className="input" data-testid="forecast-item-fixed">
                {draft.item?.label}
              </View>
            ) : (
              <SearchPicker
                testId="forecast-item"
                placeholder="搜索物料编码或名称"
                selected={draft.item}
                search={searchItems}
                onSelect={(item) => {
                  setDraft({ ...draft, item });
                  clear('item');
                }}
                invalid={!!errors.item}
              />
            )}
          </Field>
          <Field label="开始日期" error={errors.from} testId="forecast-from">
            <DateField
              testId="forecast-from"
              value={draft.from}
              onChange={(from) => {
                setDraft({ ...draft, from });
                clear('from');
              }}
              invalid={!!errors.from}
            />
          </Field>
          <Field label="结束日期" error={errors.to} testId="forecast-to">
            <DateField
              testId="forecast-to"
              value={draft.to}
              onChange={(to) => {
                setDraft({ ...draft, to });
                clear('to');
              }}
              invalid={!!errors.to}
            />
          </Field>
          <Field label="预测数量" error={errors.qty} testId="forecast-qty">
            <Input
              className={`input${errors.qty ? ' input-error' : ''}`}
              data-testid="forecast-qty"
              type="digit"
              placeholder="数量"
              value={draft.qty}
              onInput={(e) => {
                setDraft({ ...draft, qty: e.detail.value });
                clear('qty');
              }}
            />
          </Field>
          <Field label="备注" error={errors.note} testId="forecast-note">
            <Input
              className={`input${errors.note ? ' input-error' : ''}`}
              data-testid="forecast-note"
              placeholder="可不填"
              // The API's limit: a longer note would come back in its own wording.
              maxlength={200}
              value={draft.note}
              onInput={(e) => {
                setDraft({ ...draft, note: e.detail.value });
                clear('note');
              }}
            />
          </Field>
          <View className="btn-row">
            <Button
              className="btn"
              data-testid="forecast-cancel"
              onClick={() => setDraft(undefined)}
            >
              取消
            </Button>
            <Button
              className="btn btn-primary"
              data-testid="forecast-save"
              disabled={busy}
              onClick={() => void save()}
            >
              保存
            </Button>
          </View>
        </View>
      ) : (
        <Button
          className="btn btn-primary"
          data-testid="forecast-add"
          onClick={() => {
            reset();
            setDraft({ ...emptyDraft(), ...(filter ? { item: filter } : {}) });
          }}
        >
          新增预测
        </Button>
      )}

      {rows ? (
        <View className="card" data-testid="forecast-list">
          {rows.length === 0 ? <View className="muted">暂无预测</View> : null}
          {rows.map((f) => (
            <View
              key={`${f.item}|${f.from}`}
              className="list-item"
              data-testid={`forecast-row-${f.item}-${f.from}`}
            >
              <View className="row">
                <View>
                  <View>{f.itemName ?? f.item}</View>
                  <View className="muted">
                    {f.item} · {f.from} 至 {f.to}
                    {f.origin === 'import' ? ' · 导入' : ''}
                  </View>
                  {f.note ? <View className="muted">{f.note}</View> : null}
                </View>
                <Text className="tile-title" data-testid={`forecast-qty-${f.item}-${f.from}`}>
                  {f.qty} {unitName(f.unit)}
                </Text>
              </View>
              <View className="row">
                <Text
                  className="tap-text"
                  style={{ color: '#1f6feb' }}
                  data-testid={`forecast-edit-${f.item}-${f.from}`}
                  onClick={() => {
                    reset();
                    setDraft({
                      editing: f,
                      item: { value: f.item, label: `${f.item} ${f.itemName ?? ''}`.trim() },
                      from: f.from,
                      to: f.to,
                      qty: f.qty,
                      note: f.note ?? '',
                    });
                  }}
                >
                  修改
                </Text>
                <Text
                  className="tap-text"
                  style={{ color: '#e54d42' }}
                  data-testid={`forecast-delete-${f.item}-${f.from}`}
                  onClick={() => void remove(f)}
                >
                  删除
                </Text>
              </View>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}

function Calendar(props: { setBanner: (m: string[]) => void }) {
  const { setBanner } = props;
  const [cal, setCal] = useState<WorkCalendar>();
  const [dates, setDates] = useState<Record<CalendarDates, string>>({
    holidays: '',
    'working-days': '',
  });
  // Keyed by list ('holidays', 'working-days'): each list has its own date field.
  const { errors, show, clear, reset } = useFieldErrors();

  useEffect(() => {
    getCalendar()
      .then(setCal)
      .catch((e: Error) => setBanner([e.message]));
  }, [setBanner]);

  const act = async (p: Promise<WorkCalendar>, done?: () => void) => {
    setBanner([]);
    try {
      setCal(await p);
      done?.();
      toast('已保存', 'success');
    } catch (err) {
      setBanner([(err as Error).message]);
      // The weekdays are at the top, a date's 删除 may be far below: the refusal comes into view.
      show();
    }
  };

  const toggle = (day: number) => {
    if (!cal) return;
    const off = cal.nonWorkingWeekdays.includes(day)
      ? cal.nonWorkingWeekdays.filter((d) => d !== day)
      : [...cal.nonWorkingWeekdays, day];
    void act(putWeekdays(off));
  };

  const add = async (list: CalendarDates) => {
    reset();
    setBanner([]);
    const date = dates[list].trim();
    if (!date) {
      show({ [list]: '请先选择日期' });
      return;
    }
    try {
      setCal(await addCalendarDate(list, date));
      setDates({ ...dates, [list]: '' });
      toast('已添加', 'success');
    } catch (err) {
      if (err instanceof ApiError && err.issues.length) show({ [list]: err.issues[0]!.message });
      else show({ [list]: (err as Error).message });
    }
  };

  if (!cal) return <View className="muted">加载中…</View>;
  const section = (list: CalendarDates, title: string, hint: string, values: string[]) => (
    <View className="card" data-testid={`calendar-${list}`}>
      <View className="title">{title}</View>
      <View className="muted">{hint}</View>
      {values.length === 0 ? <View className="muted">暂无</View> : null}
      {values.map((d) => (
        <View key={d} className="list-item row" data-testid={`calendar-${list}-${d}`}>
          <Text>
            {d} 星期{WEEKDAYS[(new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7]}
          </Text>
          <Text
            style={{ color: '#e54d42' }}
            data-testid={`calendar-${list}-remove-${d}`}
            onClick={() => void act(removeCalendarDate(list, d))}
          >
            删除
          </Text>
        </View>
      ))}
      <Field label="日期" error={errors[list]} testId={`calendar-${list}-date`}>
        <DateField
          testId={`calendar-${list}-date`}
          value={dates[list]}
          onChange={(v) => {
            setDates({ ...dates, [list]: v });
            clear(list);
          }}
          invalid={!!errors[list]}
        />
      </Field>
      <Button className="btn" data-testid={`calendar-${list}-add`} onClick={() => void add(list)}>
        添加
      </Button>
    </View>
  );

  return (
    <View>
      <View className="card" data-testid="calendar-weekdays">
        <View className="title">每周休息日</View>
        <View className="muted">点按切换：蓝色为工作日，灰色为休息日</View>
        <View className="tiles">
          {WEEKDAYS.map((name, i) => {
            const day = i + 1;
            const off = cal.nonWorkingWeekdays.includes(day);
            return (
              <View
                key={day}
                className={`tag chip${off ? ' tag-draft' : ''}`}
                data-testid={`calendar-weekday-${day}`}
                data-off={off ? 'true' : 'false'}
                onClick={() => toggle(day)}
              >
                周{name}
                {off ? ' 休' : ' 班'}
              </View>
            );
          })}
        </View>
      </View>
      {section('holidays', '节假日', '在每周工作日之外休息的日子', cal.holidays)}
      {section('working-days', '调休上班', '按每周规律休息、但要上班的日子', cal.extraWorkingDays)}
    </View>
  );
}

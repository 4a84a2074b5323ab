import type { ExpenseCategory, ExpenseClaim, ExpenseClaimCreate } from '@factory/shared';
import { Button, Input, Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import {
  createClaim,
  getClaim,
  listCategories,
  submitClaim,
  updateClaim,
} from '../../../api/claims';
import { DateField } from '../../../components/DateField';
import { amountProblem, claimTotalFen, normalizeAmount } from '../../../lib/claims';
import { isoDate } from '../../../lib/dates';
import { toFieldErrors, unplacedErrors, type FieldErrors } from '../../../lib/fieldErrors';
import { useFieldErrors } from '../../../lib/useFieldErrors';
import { fen, formatMoney } from '../../../lib/money';
import { SubmitKeys } from '../../../lib/submitKey';
import { submitWithKey } from '../../../lib/submitWithKey';
import { confirmAction, replaceWith, toast, usePageParams } from '../../../platform/nav';
import { ApiError } from '../../../platform/request';
import {
  attachmentUrl,
  choosePhotos,
  previewPhotos,
  uploadFile,
  type ChosenFile,
} from '../../../platform/upload';
import { OaBanner, OaField, Thumb } from '../parts';
import '../office.css';

type Photo = {
  key: number;
  /** What the thumbnail shows: the local file until uploaded, or the stored one's URL. */
  src?: string;
  /** The attachment id once uploaded. */
  id?: string;
  state: 'uploading' | 'done' | 'failed';
  error?: string;
};

type LineDraft = {
  key: number;
  category?: string;
  amount: string;
  date: string;
  department: string;
  workshop: string;
  note: string;
  photos: Photo[];
};

const LINE_FIELDS = [
  'category',
  'amount',
  'date',
  'department',
  'workshop',
  'note',
  'receipts',
] as const;
type LineField = (typeof LINE_FIELDS)[number];
const MAX_PHOTOS = 9;

let nextKey = 1;
const emptyLine = (date: string): LineDraft => ({
  key: nextKey++,
  amount: '',
  date,
  department: '',
  workshop: '',
  note: '',
  photos: [],
});

/**
 * 费用报销: the claim's lines (类别, 金额, 日期, 部门/车间, 备注, 票据照片 uploaded as they are
 * chosen), the total as typed; 保存草稿 or 提交审批 (confirmed first). Each problem shows under
 * its field in the claimant's words, goes when the field changes, and the first one is
 * brought into view with the cursor in its input. With `no`, edits that draft or rejected
 * claim.
 */
export default function ClaimEditPage() {
  const { no } = usePageParams();
  const today = isoDate(new Date());
  const [categories, setCategories] = useState<ExpenseCategory[]>([]);
  const [title, setTitle] = useState('');
  const [lines, setLines] = useState<LineDraft[]>(() => [emptyLine(today)]);
  const { errors, show, clear, reset } = useFieldErrors();
  const [banner, setBanner] = useState<string[]>([]);
  const [busy, setBusy] = useState<'save' | 'submit'>();
  const [saved, setSaved] = useState<ExpenseClaim>();
  const keys = useRef(new SubmitKeys());
  const linesRef = useRef(lines);
  linesRef.current = lines;

  useEffect(() => {
    listCategories()
      .then(setCategories)
      .catch((e: Error) => setBanner([e.message]));
  }, []);

  // Editing a saved draft (or a rejected claim): its lines and their receipts.
  useEffect(() => {
    if (!no) return;
    getClaim(no)
      .then(async (c) => {
        setSaved(c);
        setTitle(c.title ?? '');
        const drafts = c.lines.map((l): LineDraft => ({
          key: nextKey++,
          category: l.category,
          amount: l.amount,
          date: l.date,
          department: l.department ?? '',
          workshop: l.workshop ?? '',
          note: l.note ?? '',
          photos: (l.receipts ?? []).map((id) => ({ key: nextKey++, id, state: 'done' })),
        }));
        setLines(drafts);
        for (const d of drafts)
          for (const p of d.photos)
            void attachmentUrl(p.id!)
              .then((src) => patchPhoto(d.key, p.key, { src }))
              .catch(() => undefined);
      })
      .catch((e: Error) => setBanner([e.message]));
  }, [no]);

  /** The banner of a failed submit: with field errors it goes once they are all put right. */
  const showBanner = (messages: string[], fieldErrors?: FieldErrors) => {
    setBanner(messages);
    show(fieldErrors, { whenFixed: () => setBanner([]) });
  };

  const indexOf = (key: number) => linesRef.current.findIndex((l) => l.key === key);

  const setLine = (key: number, patch: Partial<LineDraft>, fields: LineField[]) => {
    const i = indexOf(key);
    clear(...fields.map((f) => `lines.${i}.${f}`));
    setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  };

  const patchPhoto = (lineKey: number, photoKey: number, patch: Partial<Photo>) =>
    setLines((ls) =>
      ls.map((l) =>
        l.key === lineKey
          ? { ...l, photos: l.photos.map((p) => (p.key === photoKey ? { ...p, ...patch } : p)) }
          : l,
      ),
    );

  const addPhotos = async (lineKey: number) => {
    const line = linesRef.current.find((l) => l.key === lineKey);
    if (!line) return;
    const files = await choosePhotos(Math.max(1, MAX_PHOTOS - line.photos.length));
    if (!files.length) return;
    clear(`lines.${indexOf(lineKey)}.receipts`);
    const added = files.map((f) => ({ file: f, photo: newPhoto(f) }));
    setLines((ls) =>
      ls.map((l) =>
        l.key === lineKey ? { ...l, photos: [...l.photos, ...added.map((a) => a.photo)] } : l,
      ),
    );
    await Promise.all(
      added.map(async ({ file, photo }) => {
        try {
          const a = await uploadFile(file);
          patchPhoto(lineKey, photo.key, { id: a.id, state: 'done' });
        } catch (e) {
          patchPhoto(lineKey, photo.key, { state: 'failed', error: (e as Error).message });
        }
      }),
    );
  };

  const newPhoto = (f: ChosenFile): Photo => ({ key: nextKey++, src: f.path, state: 'uploading' });

  const removePhoto = (lineKey: number, photoKey: number) => {
    clear(`lines.${indexOf(lineKey)}.receipts`);
    setLines((ls) =>
      ls.map((l) =>
        l.key === lineKey ? { ...l, photos: l.photos.filter((p) => p.key !== photoKey) } : l,
      ),
    );
  };

  const payload = (): ExpenseClaimCreate => ({
    ...(title.trim() ? { title: title.trim() } : {}),
    lines: lines.map((l) => ({
      category: l.category ?? '',
      amount: normalizeAmount(l.amount),
      date: l.date.trim(),
      ...(l.department.trim() ? { department: l.department.trim() } : {}),
      ...(l.workshop.trim() ? { workshop: l.workshop.trim() } : {}),
      ...(l.note.trim() ? { note: l.note.trim() } : {}),
      receipts: l.photos.flatMap((p) => (p.id ? [p.id] : [])),
    })),
  });

  /** What is wrong before anything is sent: amounts, and photos still on their way. */
  const localErrors = (): FieldErrors => {
    const out: FieldErrors = {};
    lines.forEach((l, i) => {
      const a = amountProblem(l.amount, true);
      if (a) out[`lines.${i}.amount`] = a;
      if (!l.category) out[`lines.${i}.category`] = '请选择费用类别';
      if (l.photos.some((p) => p.state === 'uploading'))
        out[`lines.${i}.receipts`] = '照片还在上传，请稍候';
      else if (l.photos.some((p) => p.state === 'failed'))
        out[`lines.${i}.receipts`] = '有照片上传失败，请删除后重新添加';
    });
    return out;
  };

  const run = async (what: 'save' | 'submit') => {
    setBanner([]);
    const local = localErrors();
    if (Object.keys(local).length) {
      showBanner(['请先改正标红的内容'], local);
      return;
    }
    if (what === 'submit') {
      const sure = await confirmAction({
        title: '提交审批',
        content: `提交报销单，共 ${lines.length} 行，合计 ${total}？提交后不能修改，除非被驳回。`,
        confirmText: '提交',
      });
      if (!sure) return;
    }
    setBusy(what);
    reset();
    try {
      const body = payload();
      let claim: ExpenseClaim;
      if (!saved) {
        claim = await submitWithKey(keys.current, 'create', body, (key) => createClaim(body, key));
      } else {
        const s = saved;
        const update = { ...body, expectedVersion: s.version };
        claim = await submitWithKey(keys.current, `update:${s.no}`, update, (key) =>
          updateClaim(s.no, update, key),
        );
      }
      setSaved(claim);
      if (what === 'save') {
        toast('草稿已保存', 'success');
        replaceWith('claimDetail', { no: claim.no });
        return;
      }
      const c = claim;
      const submitted = await submitWithKey(
        keys.current,
        `submit:${c.no}`,
        { version: c.version },
        (key) => submitClaim(c.no, c.version, key),
      );
      toast(submitted.status === 'approved' ? '已通过' : '已提交审批', 'success');
      replaceWith('claimDetail', { no: submitted.no });
    } catch (err) {
      showError(err);
    } finally {
      setBusy(undefined);
    }
  };

  const showError = (err: unknown) => {
    if (err instanceof ApiError && err.issues.length) {
      const fe = toFieldErrors(err.issues);
      lines.forEach((l, i) => {
        if (fe[`lines.${i}.category`] && !l.category) fe[`lines.${i}.category`] = '请选择费用类别';
        if (fe[`lines.${i}.date`]) fe[`lines.${i}.date`] = '请填写日期，如 2026-12-06';
        const receipts = Object.keys(fe).find((k) => k.startsWith(`lines.${i}.receipts`));
        if (receipts && receipts !== `lines.${i}.receipts`) {
          fe[`lines.${i}.receipts`] ??= fe[receipts]!;
          delete fe[receipts];
        }
      });
      const placed = (key: string) =>
        key === 'title' || lines.some((_, i) => LINE_FIELDS.some((f) => key === `lines.${i}.${f}`));
      showBanner([err.message, ...unplacedErrors(fe, placed)], fe);
    } else {
      showBanner([(err as Error).message || '操作失败']);
    }
  };

  const total = formatMoney(fen(claimTotalFen(lines.map((l) => l.amount))));
  const active = categories.filter((c) => c.active);

  return (
    <View className="page oa" data-testid="claim-edit-page">
      <OaBanner messages={banner} testId="claim-banner" />
      {saved ? (
        <View className="oa-muted" style={{ marginBottom: '8px' }} data-testid="claim-edit-no">
          {saved.no}
          {saved.status === 'rejected' ? '（已驳回，修改后重新提交）' : ''}
        </View>
      ) : null}
      <View className="oa-card">
        <OaField label="事由（选填）" error={errors.title} testId="claim-title">
          <Input
            className={`oa-input${errors.title ? ' oa-input-error' : ''}`}
            data-testid="claim-title"
            placeholder="如：11 月出差、车间维修"
            // The API's limit: a longer title would come back in its own wording.
            maxlength={100}
            value={title}
            onInput={(e) => {
              setTitle(e.detail.value);
              clear('title');
            }}
          />
        </OaField>
      </View>
      {lines.map((l, i) => {
        const err = (f: LineField) =>
          errors[`lines.${i}.${f}`] ?? (f === 'amount' ? amountProblem(l.amount) : undefined);
        const id = (f: LineField) => `claim-line-${i}-${f}`;
        const category = categories.find((c) => c.code === l.category);
        return (
          <View className="oa-card" key={l.key} data-testid={`claim-line-${i}`}>
            <View className="oa-row" style={{ marginBottom: '8px' }}>
              <Text className="oa-title">第 {i + 1} 行</Text>
              {lines.length > 1 ? (
                <Text
                  className="oa-link oa-link-danger"
                  data-testid={`claim-line-${i}-remove`}
                  onClick={() => {
                    // The lines below move up a place: their errors no longer match.
                    clear('lines');
                    setLines((ls) => ls.filter((x) => x.key !== l.key));
                  }}
                >
                  删除
                </Text>
              ) : null}
            </View>
            <OaField label="费用类别" error={err('category')} testId={id('category')}>
              <View
                className={`oa-chips${err('category') ? ' oa-chips-error' : ''}`}
                data-testid={id('category')}
              >
                {active.map((c) => (
                  <Text
                    key={c.code}
                    className={`oa-chip${l.category === c.code ? ' oa-chip-active' : ''}`}
                    data-testid={`${id('category')}-${c.code}`}
                    onClick={() => setLine(l.key, { category: c.code }, ['category', 'receipts'])}
                  >
                    {c.name}
                  </Text>
                ))}
                {categories.length && !active.length ? (
                  <Text className="oa-muted">没有可用的费用类别，请联系财务</Text>
                ) : null}
              </View>
            </OaField>
            <OaField label="金额（元）" error={err('amount')} testId={id('amount')}>
              <View className="oa-amount">
                <Text className="oa-yuan">¥</Text>
                <Input
                  className={`oa-input${err('amount') ? ' oa-input-error' : ''}`}
                  data-testid={id('amount')}
                  type="digit"
                  placeholder="0.00"
                  value={l.amount}
                  onInput={(e) => setLine(l.key, { amount: e.detail.value }, ['amount'])}
                />
              </View>
            </OaField>
            <OaField label="日期" error={err('date')} testId={id('date')}>
              <View className="oa-date">
                <DateField
                  testId={id('date')}
                  value={l.date}
                  onChange={(date) => setLine(l.key, { date }, ['date'])}
                  invalid={!!err('date')}
                />
              </View>
            </OaField>
            <View className="oa-two">
              <OaField label="部门（选填）" error={err('department')} testId={id('department')}>
                <Input
                  className={`oa-input${err('department') ? ' oa-input-error' : ''}`}
                  data-testid={id('department')}
                  placeholder="部门编码"
                  maxlength={64}
                  value={l.department}
                  onInput={(e) => setLine(l.key, { department: e.detail.value }, ['department'])}
                />
              </OaField>
              <OaField label="车间（选填）" error={err('workshop')} testId={id('workshop')}>
                <Input
                  className={`oa-input${err('workshop') ? ' oa-input-error' : ''}`}
                  data-testid={id('workshop')}
                  placeholder="车间编码"
                  maxlength={64}
                  value={l.workshop}
                  onInput={(e) => setLine(l.key, { workshop: e.detail.value }, ['workshop'])}
                />
              </OaField>
            </View>
            <OaField label="备注（选填）" error={err('note')} testId={id('note')}>
              <Input
                className={`oa-input${err('note') ? ' oa-input-error' : ''}`}
                data-testid={id('note')}
                placeholder="用途、地点等"
                maxlength={200}
                value={l.note}
                onInput={(e) => setLine(l.key, { note: e.detail.value }, ['note'])}
              />
            </OaField>
            <OaField
              label={`票据照片${category?.receiptRequired ? '（必传）' : '（选填）'}`}
              error={err('receipts')}
              testId={id('receipts')}
            >
              <View className="oa-photos" data-testid={id('receipts')}>
                {l.photos.map((p, j) => (
                  <Thumb
                    key={p.key}
                    src={p.src}
                    testId={`${id('receipts')}-${j}`}
                    onTap={() => {
                      const urls = l.photos.flatMap((x) => (x.src ? [x.src] : []));
                      if (p.src) previewPhotos(urls, p.src);
                    }}
                  >
                    {p.state !== 'done' ? (
                      <Text className="oa-photo-state" data-testid={`${id('receipts')}-${j}-state`}>
                        {p.state === 'uploading' ? '上传中…' : '上传失败'}
                      </Text>
                    ) : null}
                    <View
                      className="oa-photo-remove"
                      data-testid={`${id('receipts')}-${j}-remove`}
                      onClick={(e) => {
                        e.stopPropagation();
                        removePhoto(l.key, p.key);
                      }}
                    >
                      <Text className="oa-photo-remove-x">×</Text>
                    </View>
                  </Thumb>
                ))}
                {l.photos.length < MAX_PHOTOS ? (
                  <View
                    className="oa-photo-add"
                    data-testid={`${id('receipts')}-add`}
                    onClick={() => void addPhotos(l.key)}
                  >
                    <Text className="oa-photo-plus">+</Text>
                    <Text>拍照/相册</Text>
                  </View>
                ) : null}
              </View>
              {l.photos.find((p) => p.error) ? (
                <Text className="oa-error" data-testid={`${id('receipts')}-upload-error`}>
                  {l.photos.find((p) => p.error)!.error}
                </Text>
              ) : null}
            </OaField>
          </View>
        );
      })}
      <Button
        className="oa-btn oa-btn-add"
        data-testid="claim-line-add"
        onClick={() => setLines((ls) => [...ls, emptyLine(ls[ls.length - 1]?.date ?? today)])}
      >
        + 添加一行
      </Button>
      <View className="oa-footer">
        <View className="oa-row" style={{ marginBottom: '8px' }}>
          <Text className="oa-text">合计（{lines.length} 行）</Text>
          <Text className="oa-total" data-testid="claim-total">
            {total}
          </Text>
        </View>
        <View className="oa-actions">
          <Button
            className="oa-btn"
            data-testid="claim-save"
            loading={busy === 'save'}
            disabled={!!busy}
            onClick={() => void run('save')}
          >
            保存草稿
          </Button>
          <Button
            className="oa-btn oa-btn-primary"
            data-testid="claim-submit"
            loading={busy === 'submit'}
            disabled={!!busy}
            onClick={() => void run('submit')}
          >
            提交审批
          </Button>
        </View>
      </View>
    </View>
  );
}

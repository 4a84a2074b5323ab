import type { PriceListEntry, PurchaseOrder, PurchaseOrderCreate } from '@factory/shared';
import { Button, Input, Text, View } from '@tarojs/components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { listItems } from '../../../api/masterData';
import {
  createPurchaseOrder,
  priceListOf,
  searchSuppliers,
  submitPurchaseOrder,
  unitNames,
} from '../../../api/purchasing';
import { DateField } from '../../../components/DateField';
import { ErrorBanner, Field } from '../../../components/Field';
import { SearchPicker, type PickerOption } from '../../../components/SearchPicker';
import { daysFromToday, isoDate } from '../../../lib/dates';
import { toFieldErrors, unplacedErrors } from '../../../lib/fieldErrors';
import { fen, formatMoney } from '../../../lib/money';
import {
  DEFAULT_VAT_PERCENT,
  VAT_PERCENT_MESSAGE,
  checkPurchaseLine,
  listPrice,
  percentToRate,
  purchaseTotals,
  rateToPercent,
} from '../../../lib/purchase';
import { SubmitKeys } from '../../../lib/submitKey';
import { submitWithKey } from '../../../lib/submitWithKey';
import { useFieldErrors } from '../../../lib/useFieldErrors';
import { replaceWith, toast } from '../../../platform/nav';
import { ApiError } from '../../../platform/request';
import { unitLabel } from '../../../lib/units';

type LineDraft = {
  key: number;
  item?: PickerOption & { unit?: string };
  qty: string;
  unitPrice: string;
  /** True while the buyer's own price stands: the price list fills only an empty one. */
  priceTyped: boolean;
  /** Where the shown price came from: the supplier's price list (with its break). */
  listed?: string;
  vatPercent: string;
  dueDate: string;
};

const LINE_FIELDS = ['item', 'qty', 'unitPrice', 'vatRate', 'dueDate'] as const;

let nextKey = 1;
const emptyLine = (): LineDraft => ({
  key: nextKey++,
  qty: '',
  unitPrice: '',
  priceTyped: false,
  vatPercent: DEFAULT_VAT_PERCENT,
  dueDate: daysFromToday(14),
});

const yuanOf = (amount: number) => formatMoney(fen(amount));

/**
 * 新建采购订单: supplier, lines (item, qty, 单价 filled from the supplier's price list for the
 * quantity and editable, 税率 13% by default, 交货日期), amounts excl. VAT, tax and incl. VAT per
 * line and in total, computed as the API does; 保存草稿 or 提交审批 (the approval rules decide by
 * the amount incl. VAT). Each problem the API reports shows under its field and goes when the
 * field changes; a refused submit brings the first into view with the cursor in it.
 */
export default function PurchaseOrderEditPage() {
  const [supplier, setSupplier] = useState<PickerOption>();
  const [lines, setLines] = useState<LineDraft[]>(() => [emptyLine()]);
  const { errors, show, clear, reset } = useFieldErrors();
  const [banner, setBanner] = useState<string[]>([]);
  const [busy, setBusy] = useState<'save' | 'submit'>();
  const [saved, setSaved] = useState<PurchaseOrder>();
  const [units, setUnits] = useState<Map<string, string>>(new Map());
  /** Price list entries by `supplier|item`. */
  const prices = useRef(new Map<string, PriceListEntry[]>());
  const keys = useRef(new SubmitKeys());

  useEffect(() => {
    unitNames()
      .then(setUnits)
      .catch(() => undefined);
  }, []);

  const searchSupplierOptions = useCallback(
    async (q: string) =>
      (await searchSuppliers(q)).map((p) => ({ value: p.code, label: p.name, hint: p.code })),
    [],
  );
  const searchItemOptions = useCallback(
    async (q: string) =>
      (await listItems(q)).items
        .filter((i) => i.active && i.source !== 'phantom')
        .map((i) => ({
          value: i.code,
          label: `${i.code} ${i.name}`,
          unit: i.unit,
          ...(i.spec ? { hint: i.spec } : {}),
        })),
    [],
  );

  /** The list price for a line as it now stands, unless the buyer typed one. */
  const priced = useCallback((l: LineDraft, supplierCode: string | undefined): LineDraft => {
    if (l.priceTyped || !supplierCode || !l.item) return l;
    const entries = prices.current.get(`${supplierCode}|${l.item.value}`);
    if (!entries) return l;
    const e = listPrice(entries, l.qty, isoDate(new Date()));
    if (!e) return { ...l, unitPrice: '', listed: undefined };
    return {
      ...l,
      unitPrice: e.unitPrice,
      listed: `价目表 ≥${e.minQty}`,
      ...(e.vatRate ? { vatPercent: rateToPercent(e.vatRate) } : {}),
    };
  }, []);

  /** Loads the supplier's prices for the lines' items, then fills the untyped prices. */
  const refreshPrices = useCallback(
    async (supplierCode: string | undefined, items: string[]) => {
      if (!supplierCode) return;
      const missing = items.filter((i) => !prices.current.has(`${supplierCode}|${i}`));
      await Promise.all(
        missing.map(async (item) => {
          const page = await priceListOf(supplierCode, item).catch(() => ({ items: [] }));
          prices.current.set(`${supplierCode}|${item}`, page.items);
        }),
      );
      setLines((ls) => ls.map((l) => priced(l, supplierCode)));
    },
    [priced],
  );

  const PATCH_FIELDS: Partial<Record<keyof LineDraft, (typeof LINE_FIELDS)[number]>> = {
    item: 'item',
    qty: 'qty',
    unitPrice: 'unitPrice',
    vatPercent: 'vatRate',
    dueDate: 'dueDate',
  };

  const setLine = (key: number, patch: Partial<LineDraft>) => {
    const i = lines.findIndex((l) => l.key === key);
    // A changed field's error goes at once (the next submit checks it again).
    clear(
      ...Object.keys(patch).flatMap((k) => {
        const f = PATCH_FIELDS[k as keyof LineDraft];
        // A new quantity or item may change the list price too.
        return f
          ? [`lines.${i}.${f}`, ...(f === 'item' || f === 'qty' ? [`lines.${i}.unitPrice`] : [])]
          : [];
      }),
    );
    setLines((ls) =>
      ls.map((l) => (l.key === key ? priced({ ...l, ...patch }, supplier?.value) : l)),
    );
  };
  const payload = (): PurchaseOrderCreate => ({
    supplier: supplier?.value ?? '',
    lines: lines.map((l) => ({
      item: l.item?.value ?? '',
      qty: l.qty.trim(),
      // An untyped empty price is left to the API's price list (and named there if none).
      ...(l.unitPrice.trim() ? { unitPrice: l.unitPrice.trim() } : {}),
      vatRate: /^\d+(\.\d+)?$/.test(l.vatPercent.trim())
        ? percentToRate(l.vatPercent)
        : l.vatPercent.trim(),
      dueDate: l.dueDate.trim(),
    })),
  });

  const run = async (what: 'save' | 'submit') => {
    setBusy(what);
    reset();
    setBanner([]);
    try {
      let order = saved;
      if (!order) {
        const body = payload();
        order = await submitWithKey(keys.current, 'create', body, (key) =>
          createPurchaseOrder(body, key),
        );
        setSaved(order);
      }
      if (what === 'save') {
        toast('草稿已保存', 'success');
        replaceWith('poDetail', { no: order.no });
        return;
      }
      const o = order;
      const submitted = await submitWithKey(
        keys.current,
        `submit:${o.no}`,
        { version: o.version },
        (key) => submitPurchaseOrder(o.no, o.version, key),
      );
      toast(submitted.status === 'open' ? '订单已生效' : '已提交审批', 'success');
      replaceWith('poDetail', { no: submitted.no });
    } catch (err) {
      showError(err);
    } finally {
      setBusy(undefined);
    }
  };

  const showError = (err: unknown) => {
    if (err instanceof ApiError && err.issues.length) {
      const fe = toFieldErrors(err.issues);
      if (fe.supplier && !supplier) fe.supplier = '请选择供应商';
      lines.forEach((l, i) => {
        const at = (f: string) => `lines.${i}.${f}`;
        if (fe[at('item')] && !l.item) fe[at('item')] = '请选择物料';
        if (fe[at('qty')] && !l.qty.trim()) fe[at('qty')] = '请填写数量';
        if (fe[at('dueDate')] && !l.dueDate.trim()) fe[at('dueDate')] = '请选择交货日期';
        // The API's rate is a fraction (0.13); the buyer types a percent (13).
        if (fe[at('vatRate')])
          fe[at('vatRate')] = l.vatPercent.trim() ? VAT_PERCENT_MESSAGE : '请填写税率，如 13';
      });
      const placed = (key: string) =>
        key === 'supplier' ||
        key === 'lines' ||
        lines.some((_, i) => LINE_FIELDS.some((f) => key === `lines.${i}.${f}`));
      setBanner([err.message, ...unplacedErrors(fe, placed)]);
      // The banner announcing them goes once every field is put right.
      show(fe, { whenFixed: () => setBanner([]) });
    } else {
      setBanner([(err as Error).message || '操作失败']);
      show();
    }
  };

  const checked = lines.map((l) => checkPurchaseLine(l.qty, l.unitPrice, l.vatPercent));
  const totals = purchaseTotals(checked.map((c) => c.amounts));
  const locked = !!saved; // once saved, the draft is changed on its detail page

  return (
    <View className="page" data-testid="po-edit-page">
      <ErrorBanner messages={banner} testId="po-banner" />
      <View className="card">
        <Field label="供应商" error={errors.supplier} testId="po-supplier">
          <SearchPicker
            testId="po-supplier"
            placeholder="搜索供应商名称或编码"
            selected={supplier}
            search={searchSupplierOptions}
            onSelect={(s) => {
              if (locked) return;
              setSupplier(s);
              clear('supplier');
              void refreshPrices(
                s.value,
                lines.flatMap((l) => (l.item ? [l.item.value] : [])),
              );
            }}
            invalid={!!errors.supplier}
          />
        </Field>
      </View>
      {errors.lines ? (
        <Text className="field-error" data-testid="po-lines-error">
          {errors.lines}
        </Text>
      ) : null}
      {lines.map((l, i) => {
        const c = checked[i]!;
        const err = (f: (typeof LINE_FIELDS)[number]) =>
          errors[`lines.${i}.${f}`] ??
          (f === 'qty' || f === 'unitPrice' || f === 'vatRate' ? c.errors[f] : undefined);
        const unit = unitLabel(l.item?.unit, units);
        return (
          <View className="card" key={l.key} data-testid={`po-line-${i}`}>
            <View className="row" style={{ marginBottom: '12px' }}>
              <Text className="label">第 {i + 1} 行</Text>
              {lines.length > 1 && !locked ? (
                <Text
                  className="muted"
                  data-testid={`po-line-${i}-remove`}
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
            <Field label="物料" error={err('item')} testId={`po-line-${i}-item`}>
              <SearchPicker
                testId={`po-line-${i}-item`}
                placeholder="搜索物料编码或名称"
                selected={l.item}
                search={searchItemOptions}
                onSelect={(item) => {
                  setLine(l.key, { item, priceTyped: false });
                  void refreshPrices(supplier?.value, [item.value]);
                }}
                invalid={!!err('item')}
              />
            </Field>
            <Field
              label={`数量${unit ? `（${unit}）` : ''}`}
              error={err('qty')}
              testId={`po-line-${i}-qty`}
            >
              <Input
                className={`input${err('qty') ? ' input-error' : ''}`}
                data-testid={`po-line-${i}-qty`}
                type="digit"
                placeholder="数量"
                value={l.qty}
                onInput={(e) => setLine(l.key, { qty: e.detail.value })}
              />
            </Field>
            <Field
              label={`单价（元，不含税）${l.listed && !l.priceTyped ? ` · ${l.listed}` : ''}`}
              error={err('unitPrice')}
              testId={`po-line-${i}-price`}
            >
              <Input
                className={`input${err('unitPrice') ? ' input-error' : ''}`}
                data-testid={`po-line-${i}-price`}
                type="digit"
                placeholder="无价目表价格时请填写"
                value={l.unitPrice}
                onInput={(e) =>
                  // Typed: kept as typed; cleared: the price list fills it again.
                  setLine(l.key, {
                    unitPrice: e.detail.value,
                    priceTyped: e.detail.value.trim() !== '',
                  })
                }
              />
            </Field>
            <Field label="税率（%）" error={err('vatRate')} testId={`po-line-${i}-vat`}>
              <Input
                className={`input${err('vatRate') ? ' input-error' : ''}`}
                data-testid={`po-line-${i}-vat`}
                type="digit"
                value={l.vatPercent}
                onInput={(e) => setLine(l.key, { vatPercent: e.detail.value })}
              />
            </Field>
            <Field label="交货日期" error={err('dueDate')} testId={`po-line-${i}-due`}>
              <DateField
                testId={`po-line-${i}-due`}
                value={l.dueDate}
                onChange={(dueDate) => setLine(l.key, { dueDate })}
                invalid={!!err('dueDate')}
              />
            </Field>
            <View className="row">
              <Text className="muted">金额 / 税额 / 价税合计</Text>
              <Text data-testid={`po-line-${i}-amount`}>
                {c.amounts
                  ? `${yuanOf(c.amounts.amount)} / ${yuanOf(c.amounts.tax)} / ${yuanOf(c.amounts.withTax)}`
                  : '—'}
              </Text>
            </View>
          </View>
        );
      })}
      {!locked ? (
        <Button
          className="btn"
          data-testid="po-line-add"
          onClick={() => setLines((ls) => [...ls, emptyLine()])}
        >
          + 添加一行
        </Button>
      ) : null}
      <View className="footer-bar">
        <View className="row">
          <Text className="muted">不含税 / 税额</Text>
          <Text data-testid="po-total-excl">
            {yuanOf(totals.amount)} / {yuanOf(totals.tax)}
          </Text>
        </View>
        <View className="row" style={{ marginBottom: '16px' }}>
          <Text>价税合计</Text>
          <Text className="total" data-testid="po-total">
            {yuanOf(totals.withTax)}
          </Text>
        </View>
        <View className="btn-row">
          <Button
            className="btn"
            data-testid="po-save"
            loading={busy === 'save'}
            disabled={!!busy}
            onClick={() => void run('save')}
          >
            保存草稿
          </Button>
          <Button
            className="btn btn-primary"
            data-testid="po-submit"
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

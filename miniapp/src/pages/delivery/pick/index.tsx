import type { DeliverableLine, Delivery, Item, Partner, Warehouse } from '@factory/shared';
import { Button, Input, Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import { createDelivery, deliverables, shareDelivery } from '../../../api/delivery';
import { scanLocations, searchCustomers } from '../../../api/masterData';
import { itemsByCode } from '../../../api/shopfloor';
import { ErrorBanner } from '../../../components/Field';
import { ScanBox } from '../../../components/ScanBox';
import { isoDate } from '../../../lib/dates';
import {
  checkDeliveryScan,
  deliveryBody,
  deliveryErrorText,
  itemLabel,
  lineKey,
  pickedIssues,
  unitLabel,
} from '../../../lib/delivery';
import { SubmitKeys } from '../../../lib/submitKey';
import { submitWithKey } from '../../../lib/submitWithKey';
import { useFieldErrors } from '../../../lib/useFieldErrors';
import { toast } from '../../../platform/nav';
import type { ApiError } from '../../../platform/request';

/**
 * 扫码发货: the warehouse ships a customer's confirmed sales orders. Find the customer, and
 * the open lines of its orders are listed (item name, order, what is open, from which
 * warehouse). Tap a line, scan its item (barcode, or the item code on items without one) and,
 * if wanted, its location label; a wrong scan is refused with what was expected. A scanned
 * line ships its open quantity unless lowered. 确认发货 posts one delivery (发货单) of the
 * scanned lines.
 */
export default function DeliveryPickPage() {
  const [query, setQuery] = useState('');
  const [customers, setCustomers] = useState<Partner[]>();
  const [customer, setCustomer] = useState<{ code: string; name: string }>();
  const [lines, setLines] = useState<DeliverableLine[]>([]);
  const [items, setItems] = useState<Record<string, Item>>({});
  const [warehouses, setWarehouses] = useState<Warehouse[]>([]);
  const [current, setCurrent] = useState<string>();
  const [located, setLocated] = useState<Record<string, boolean>>({});
  const [picked, setPicked] = useState<Record<string, string>>({});
  const [scanError, setScanError] = useState<string>();
  const [error, setError] = useState<string>();
  /**
   * The lines' quantities are checked as they are typed (`issues`) and the scan box says what
   * a scan found: a failed submit only brings the first of them (or the banner) into view.
   */
  const { show } = useFieldErrors();
  const [done, setDone] = useState<Delivery>();
  const [busy, setBusy] = useState(false);
  const [shared, setShared] = useState<string>();
  const keys = useRef(new SubmitKeys());

  const search = async () => {
    try {
      setCustomers(await searchCustomers(query.trim()));
      setError(undefined);
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const load = async (c: { code: string; name: string }) => {
    try {
      const [open, locations] = await Promise.all([deliverables(c.code), scanLocations()]);
      setLines(open.lines);
      setWarehouses(locations);
      setItems(await itemsByCode(open.lines.map((l) => l.item)));
      setError(undefined);
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const choose = (p: Partner) => {
    const c = { code: p.code, name: p.name };
    setCustomer(c);
    setCustomers(undefined);
    setPicked({});
    setLocated({});
    setCurrent(undefined);
    setDone(undefined);
    void load(c);
  };

  const currentLine = lines.find((l) => lineKey(l) === current);

  const onScan = (value: string): boolean => {
    setDone(undefined);
    if (!currentLine) {
      setScanError('请先点选要发货的订单行');
      return false;
    }
    const scan = checkDeliveryScan(value, currentLine, lines, {
      items,
      locations: warehouses,
    });
    if (!scan.ok) {
      setScanError(scan.message);
      return false;
    }
    setScanError(undefined);
    const key = lineKey(currentLine);
    if (scan.confirms === 'location') setLocated((l) => ({ ...l, [key]: true }));
    else setPicked((p) => ({ ...p, [key]: p[key] ?? currentLine.open }));
    return true;
  };

  const issues = pickedIssues(lines, picked);

  const share = async (no: string) => {
    try {
      const link = await submitWithKey(keys.current, `share:${no}`, no, (key) =>
        shareDelivery(no, key),
      );
      setShared(link.url);
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const submit = async () => {
    // The last scan's complaint is stale: the submit's own errors are what comes into view.
    setScanError(undefined);
    if (!customer) {
      setError('请先选择客户');
      return show();
    }
    if (!Object.keys(picked).length) {
      // Said at the scan box, where it is put right; the cursor goes there.
      setError(undefined);
      setScanError('请先扫码确认要发货的物料');
      return show();
    }
    if (Object.keys(issues).length) {
      setError('请先改正发货数量');
      return show();
    }
    const body = deliveryBody(customer.code, lines, picked, isoDate(new Date()));
    setBusy(true);
    setError(undefined);
    try {
      const result = await submitWithKey(keys.current, `delivery:${customer.code}`, body, (key) =>
        createDelivery(body, key),
      );
      setDone(result);
      setShared(undefined);
      setPicked({});
      setLocated({});
      setCurrent(undefined);
      toast('发货已过账', 'success');
      await load(customer);
    } catch (err) {
      setError(deliveryErrorText(err as ApiError, lines));
      show();
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page" data-testid="delivery-page">
      <View className="card">
        <View className="label">客户</View>
        {customer ? (
          <View className="row">
            <Text className="title" data-testid="delivery-customer">
              {customer.name}
            </Text>
            <Button
              className="btn"
              data-testid="delivery-change-customer"
              onClick={() => {
                setCustomer(undefined);
                setLines([]);
              }}
            >
              换客户
            </Button>
          </View>
        ) : (
          <View>
            <Input
              className="input"
              data-testid="delivery-customer-query"
              placeholder="客户名称或编码"
              value={query}
              onInput={(e) => setQuery(e.detail.value)}
              onConfirm={() => void search()}
            />
            <Button
              className="btn"
              data-testid="delivery-customer-search"
              onClick={() => void search()}
            >
              查找客户
            </Button>
            {customers?.length === 0 ? <View className="muted">没有找到客户</View> : null}
            {customers?.map((p) => (
              <View
                key={p.code}
                className="list-item"
                data-testid={`delivery-customer-${p.code}`}
                onClick={() => choose(p)}
              >
                {p.name}
              </View>
            ))}
          </View>
        )}
      </View>
      {customer ? (
        // A field around the scan box: a refusal said there puts the cursor in its input.
        <View className="field" style={{ marginBottom: 0 }}>
          <ScanBox
            testId="delivery"
            hint={
              currentLine
                ? `当前：${itemLabel(currentLine)}（${currentLine.salesOrder}）`
                : '请先点选要发货的订单行'
            }
            error={scanError}
            onScan={onScan}
          />
        </View>
      ) : null}
      {customer ? (
        <View className="card" data-testid="delivery-lines">
          {lines.length === 0 ? (
            <View className="muted" data-testid="delivery-empty">
              没有待发货的订单行
            </View>
          ) : null}
          {lines.map((l) => {
            const key = lineKey(l);
            const id = `delivery-line-${key}`;
            const taken = picked[key];
            return (
              <View
                key={key}
                className={`list-item${current === key ? ' tab-active' : ''}`}
                data-testid={id}
                onClick={() => {
                  setCurrent(key);
                  setScanError(undefined);
                }}
              >
                <View className="row">
                  <Text>{itemLabel(l)}</Text>
                  <View className="row">
                    {located[key] && taken === undefined ? (
                      <View className="tag tag-confirmed" data-testid={`${id}-located`}>
                        库位已确认
                      </View>
                    ) : null}
                    {taken !== undefined ? (
                      <View className="tag tag-confirmed" data-testid={`${id}-ok`}>
                        已扫码
                      </View>
                    ) : null}
                  </View>
                </View>
                <View className="muted" data-testid={`${id}-info`}>
                  {l.salesOrder} 第 {l.line} 行 · 交期 {l.dueDate}
                  {l.trackingNo ? ' · 按单' : ''}
                </View>
                <View className="muted" data-testid={`${id}-qty`}>
                  订购 {l.qty}
                  {unitLabel(l)} · 已发 {l.delivered} · 未发 {l.open}
                  {unitLabel(l)} · {l.warehouseName ?? l.warehouse ?? '未设默认仓库'}
                </View>
                {taken !== undefined ? (
                  <View className="field" style={{ marginBottom: 0 }}>
                    <Input
                      className={`input${issues[key] ? ' input-error' : ''}`}
                      data-testid={`${id}-pick`}
                      type="digit"
                      value={taken}
                      onInput={(e) => setPicked((p) => ({ ...p, [key]: e.detail.value }))}
                    />
                    {issues[key] ? (
                      <Text className="field-error" data-testid={`${id}-error`}>
                        {issues[key]}
                      </Text>
                    ) : null}
                  </View>
                ) : null}
              </View>
            );
          })}
        </View>
      ) : null}
      <ErrorBanner messages={error ? [error] : []} />
      {done ? (
        <View className="card" data-testid="delivery-done">
          发货单 {done.no} 已过账（{done.lines.length} 行
          {done.closedOrders.length ? `，订单 ${done.closedOrders.join('、')} 已全部发货` : ''}）
          <Button className="btn" data-testid="delivery-share" onClick={() => void share(done.no)}>
            分享发货单
          </Button>
          {shared ? (
            <Text className="muted" data-testid="delivery-share-url" userSelect>
              {shared}
            </Text>
          ) : null}
        </View>
      ) : null}
      {customer ? (
        <Button
          className="btn btn-primary"
          data-testid="delivery-submit"
          disabled={busy}
          onClick={() => void submit()}
        >
          确认发货
        </Button>
      ) : null}
    </View>
  );
}

import type { ExpenseClaim, InboxEntry } from '@factory/shared';
import { Button, Image, Input, Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import { getClaim } from '../../../api/claims';
import { decide, getApproval, inbox } from '../../../api/sales';
import { ErrorBanner } from '../../../components/Field';
import { SHOWS_FIELDS, docTypeLabel, rejectReasonProblem } from '../../../lib/approvals';
import { formatTimestamp } from '../../../lib/dates';
import { toFieldErrors } from '../../../lib/fieldErrors';
import { formatSnapshot } from '../../../lib/money';
import { decisionLabel } from '../../../lib/status';
import { useFieldErrors } from '../../../lib/useFieldErrors';
import { ApiError } from '../../../platform/request';
import {
  confirmAction,
  goTo,
  stopPullDownRefresh,
  toast,
  usePageShow,
  usePullDownRefresh,
} from '../../../platform/nav';
import { attachmentUrl, previewPhotos } from '../../../platform/upload';
import './claim.css';

/**
 * 审批: what waits for me and what I decided. 同意 takes an optional comment; 驳回 needs a
 * reason and asks for confirmation before it is sent.
 */
export default function InboxPage() {
  const [state, setState] = useState<'pending' | 'decided'>('pending');
  const [entries, setEntries] = useState<InboxEntry[]>();
  const [comments, setComments] = useState<Record<string, string>>({});
  /** Each entry's comment error, by approval id. */
  const { errors: reasonErrors, show, clear } = useFieldErrors();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  /** A purchase order's supplier, from its approval's fields (the card names it). */
  const [suppliers, setSuppliers] = useState<Record<string, string>>({});
  /** A concession's fields (item, quantity, defects...): it has no page of its own. */
  const [fields, setFields] = useState<Record<string, { key: string; value: string }[]>>({});
  /** An expense claim's lines and its receipt photos (id -> download URL), by claim number. */
  const [claims, setClaims] = useState<Record<string, ExpenseClaim>>({});
  const [receiptUrls, setReceiptUrls] = useState<Record<string, string>>({});

  const load = useCallback(async (s: 'pending' | 'decided') => {
    setError(undefined);
    try {
      const items = (await inbox(s)).items;
      setEntries(items);
      const pos = items.filter((e) => e.docType === 'purchaseOrder');
      const found = await Promise.all(
        pos.map(async (e) => {
          const a = await getApproval(e.approvalId).catch(() => undefined);
          return [e.approvalId, a?.fields.find((f) => f.key === '供应商')?.value] as const;
        }),
      );
      setSuppliers(
        Object.fromEntries(found.filter((f): f is [string, string] => f[1] !== undefined)),
      );
      const detailed = await Promise.all(
        items
          .filter((e) => SHOWS_FIELDS.has(e.docType))
          .map(async (e) => {
            const a = await getApproval(e.approvalId).catch(() => undefined);
            return [e.approvalId, a?.fields ?? []] as const;
          }),
      );
      setFields(Object.fromEntries(detailed));
      const claimNos = items.filter((e) => e.docType === 'expenseClaim').map((e) => e.docNo);
      const read = (
        await Promise.all(claimNos.map((no) => getClaim(no).catch(() => undefined)))
      ).filter((c): c is ExpenseClaim => c !== undefined);
      setClaims(Object.fromEntries(read.map((c) => [c.no, c])));
      const ids = read.flatMap((c) => c.lines.flatMap((l) => l.receipts ?? []));
      void Promise.all(
        ids.map(async (id) => [id, await attachmentUrl(id).catch(() => '')] as const),
      ).then((found) => setReceiptUrls(Object.fromEntries(found.filter(([, u]) => u))));
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);

  usePageShow(() => void load(state));
  usePullDownRefresh(() => void load(state).finally(stopPullDownRefresh));

  const onDecide = async (entry: InboxEntry, approve: boolean) => {
    const id = entry.approvalId;
    const comment = comments[id]?.trim();
    clear(id);
    if (!approve) {
      const problem = rejectReasonProblem(comment);
      if (problem) {
        show({ [id]: problem });
        return;
      }
      const sure = await confirmAction({
        title: '确认驳回',
        content: `驳回${docTypeLabel(entry.docType)} ${entry.docNo}？\n原因：${comment}`,
        confirmText: '驳回',
      });
      if (!sure) return;
    }
    setBusy(id);
    setError(undefined);
    let failed: unknown;
    try {
      await decide(id, approve, comment ? { comment } : {});
      toast(approve ? '已同意' : '已驳回', 'success');
    } catch (e) {
      failed = e;
    }
    setBusy(undefined);
    // Either way the list is read again (someone else may have decided it meanwhile); the
    // refusal is told after that, since reading the list clears the banner.
    await load(state);
    if (failed === undefined) return;
    const reason = failed instanceof ApiError ? toFieldErrors(failed.issues).comment : undefined;
    setError((failed as Error).message);
    show(reason ? { [id]: reason } : {});
  };

  const tab = (s: 'pending' | 'decided', label: string) => (
    <View
      className={`tab${state === s ? ' tab-active' : ''}`}
      data-testid={`inbox-tab-${s}`}
      onClick={() => {
        setState(s);
        setEntries(undefined);
        void load(s);
      }}
    >
      {label}
    </View>
  );

  return (
    <View className="page" data-testid="inbox-page">
      <View className="tabs">
        {tab('pending', '待审批')}
        {tab('decided', '已处理')}
      </View>
      <ErrorBanner messages={error ? [error] : []} />
      {entries?.length === 0 ? (
        <View className="muted" data-testid="inbox-empty">
          {state === 'pending' ? '没有待审批的单据' : '暂无记录'}
        </View>
      ) : null}
      {entries?.map((e) => (
        <View key={`${e.approvalId}-${e.step}`} className="card" data-testid={`inbox-${e.docNo}`}>
          <View className="row">
            <Text className="tile-title">{e.title}</Text>
            {e.amount ? <Text className="total">{formatSnapshot(e.amount)}</Text> : null}
          </View>
          <View className="muted">
            {docTypeLabel(e.docType)} {e.docNo} · {e.stepName} · 提交人{' '}
            {claims[e.docNo]?.claimantName ?? e.submittedBy} · {formatTimestamp(e.createdAt)}
          </View>
          {suppliers[e.approvalId] ? (
            <View className="muted" data-testid={`inbox-${e.docNo}-supplier`}>
              供应商：{suppliers[e.approvalId]}
            </View>
          ) : null}
          {fields[e.approvalId]?.length ? (
            <View data-testid={`inbox-${e.docNo}-fields`}>
              {fields[e.approvalId]!.map((f) => (
                <View key={f.key} className="muted">
                  {f.key}：{f.value}
                </View>
              ))}
            </View>
          ) : null}
          {claims[e.docNo] ? (
            <View data-testid={`inbox-${e.docNo}-claim`}>
              {claims[e.docNo]!.lines.map((l) => {
                const shown = (l.receipts ?? []).flatMap((id) =>
                  receiptUrls[id] ? [receiptUrls[id]] : [],
                );
                return (
                  <View
                    key={l.line}
                    className="claim-line"
                    data-testid={`inbox-${e.docNo}-line-${l.line}`}
                  >
                    <View className="row">
                      <Text className="claim-line-text">
                        {l.categoryName ?? l.category} · {l.date}
                      </Text>
                      <Text className="claim-line-text">{formatSnapshot(l.money)}</Text>
                    </View>
                    {l.note ? <View className="claim-line-note">{l.note}</View> : null}
                    {l.receipts?.length ? (
                      <View className="claim-thumbs">
                        {l.receipts.map((id, j) => (
                          <View
                            key={id}
                            className="claim-thumb"
                            data-testid={`inbox-${e.docNo}-line-${l.line}-receipt-${j}`}
                            onClick={() => receiptUrls[id] && previewPhotos(shown, receiptUrls[id])}
                          >
                            {receiptUrls[id] ? (
                              <Image
                                className="claim-thumb-img"
                                src={receiptUrls[id]}
                                mode="aspectFill"
                                data-testid={`inbox-${e.docNo}-line-${l.line}-receipt-${j}-img`}
                              />
                            ) : null}
                          </View>
                        ))}
                      </View>
                    ) : null}
                  </View>
                );
              })}
              <Text
                className="tag chip"
                data-testid={`inbox-${e.docNo}-open`}
                onClick={() => goTo('claimDetail', { no: e.docNo })}
              >
                查看报销单
              </Text>
            </View>
          ) : null}
          {e.docType === 'concession' ? (
            <Text
              className="tag chip"
              data-testid={`inbox-${e.docNo}-open`}
              onClick={() => goTo('inspection', { no: e.docNo })}
            >
              查看检验单
            </Text>
          ) : null}
          {e.docType === 'purchaseOrder' ? (
            <Text
              className="tag chip"
              data-testid={`inbox-${e.docNo}-open`}
              onClick={() => goTo('poDetail', { no: e.docNo })}
            >
              查看订单
            </Text>
          ) : null}
          {e.docType === 'salesOrder' ? (
            <Text
              className="tag chip"
              data-testid={`inbox-${e.docNo}-open`}
              onClick={() => goTo('orderDetail', { no: e.docNo })}
            >
              查看订单
            </Text>
          ) : null}
          {e.state === 'pending' ? (
            <View>
              <View className="field" style={{ margin: '16px 0' }}>
                <Input
                  className={`input${reasonErrors[e.approvalId] ? ' input-error' : ''}`}
                  data-testid={`inbox-${e.docNo}-comment`}
                  placeholder="审批意见（驳回时必填原因）"
                  value={comments[e.approvalId] ?? ''}
                  onInput={(ev) => {
                    setComments((c) => ({ ...c, [e.approvalId]: ev.detail.value }));
                    clear(e.approvalId);
                  }}
                />
                {reasonErrors[e.approvalId] ? (
                  <Text className="field-error" data-testid={`inbox-${e.docNo}-comment-error`}>
                    {reasonErrors[e.approvalId]}
                  </Text>
                ) : null}
              </View>
              <View className="btn-row">
                <Button
                  className="btn btn-danger"
                  data-testid={`inbox-${e.docNo}-reject`}
                  disabled={busy === e.approvalId}
                  onClick={() => void onDecide(e, false)}
                >
                  驳回
                </Button>
                <Button
                  className="btn btn-primary"
                  data-testid={`inbox-${e.docNo}-approve`}
                  disabled={busy === e.approvalId}
                  onClick={() => void onDecide(e, true)}
                >
                  同意
                </Button>
              </View>
            </View>
          ) : (
            <View className="muted" data-testid={`inbox-${e.docNo}-decision`}>
              {decisionLabel(e.decision ?? '')} {formatTimestamp(e.decidedAt)}
            </View>
          )}
        </View>
      ))}
    </View>
  );
}

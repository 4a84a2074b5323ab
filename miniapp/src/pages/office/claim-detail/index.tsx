import type { Approval, ExpenseClaim } from '@factory/shared';
import { Button, Input, Text, View } from '@tarojs/components';
import { useCallback, useRef, useState } from 'react';
import { getClaim, payClaim, submitClaim } from '../../../api/claims';
import { listPools } from '../../../api/costing';
import { getApproval } from '../../../api/sales';
import { DateField } from '../../../components/DateField';
import {
  claimActions,
  claimStatusLabel,
  claimStatusTone,
  landingLabel,
  readsAllClaims,
} from '../../../lib/claims';
import { formatTimestamp, isoDate } from '../../../lib/dates';
import { toFieldErrors } from '../../../lib/fieldErrors';
import { useFieldErrors } from '../../../lib/useFieldErrors';
import { formatSnapshot } from '../../../lib/money';
import { decisionLabel } from '../../../lib/status';
import { SubmitKeys } from '../../../lib/submitKey';
import { submitWithKey } from '../../../lib/submitWithKey';
import {
  confirmAction,
  goTo,
  stopPullDownRefresh,
  toast,
  usePageParams,
  usePageShow,
  usePullDownRefresh,
} from '../../../platform/nav';
import { ApiError } from '../../../platform/request';
import { getSession } from '../../../platform/session';
import { attachmentUrl, previewPhotos } from '../../../platform/upload';
import { OaBanner, OaField, Thumb } from '../parts';
import '../office.css';

const ACTIONS: Record<string, string> = {
  submitted: '提交',
  approved: '同意',
  rejected: '驳回',
  cancelled: '撤销',
};

/**
 * 报销单详情: each line with its category, amount, date, department/workshop, note and receipt
 * photos (a tap shows them full size), where it landed once approved (pool and period, or
 * 期间费用), the approval's steps and history; 编辑 / 提交 for the claimant's draft or rejected
 * claim, 付款 (with the day paid, confirmed) for finance.
 */
export default function ClaimDetailPage() {
  const { no } = usePageParams();
  const session = getSession();
  const roles = session?.roles ?? [];
  const [claim, setClaim] = useState<ExpenseClaim>();
  const [approval, setApproval] = useState<Approval>();
  const [pools, setPools] = useState<Map<string, string>>(new Map());
  /** Receipt id -> its download URL. */
  const [urls, setUrls] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [paidOn, setPaidOn] = useState(() => isoDate(new Date()));
  const [payNote, setPayNote] = useState('');
  const {
    errors: payErrors,
    show: showErrors,
    clear: clearPayError,
    reset: resetPayErrors,
  } = useFieldErrors();
  const keys = useRef(new SubmitKeys());

  const showClaim = useCallback(async (c: ExpenseClaim) => {
    setClaim(c);
    const ids = c.lines.flatMap((l) => l.receipts ?? []);
    void Promise.all(
      ids.map(async (id) => [id, await attachmentUrl(id).catch(() => '')] as const),
    ).then((found) => setUrls(Object.fromEntries(found.filter(([, u]) => u))));
    if (c.approvalId)
      void getApproval(c.approvalId)
        .then(setApproval)
        .catch(() => setApproval(undefined));
    else setApproval(undefined);
  }, []);

  const load = useCallback(async () => {
    if (!no) return;
    setError(undefined);
    try {
      await showClaim(await getClaim(no));
    } catch (e) {
      setError((e as Error).message);
    }
    if (readsAllClaims(roles))
      void listPools()
        .then((ps) => setPools(new Map(ps.map((p) => [p.code, p.name]))))
        .catch(() => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [no, showClaim]);
  usePageShow(() => void load());
  usePullDownRefresh(() => void load().finally(stopPullDownRefresh));

  const submit = async () => {
    if (!claim) return;
    const sure = await confirmAction({
      title: '提交审批',
      content: `提交报销单 ${claim.no}，合计 ${formatSnapshot(claim.total)}？`,
      confirmText: '提交',
    });
    if (!sure) return;
    setBusy(true);
    setError(undefined);
    try {
      const next = await submitWithKey(keys.current, `submit:${claim.no}`, claim.version, (key) =>
        submitClaim(claim.no, claim.version, key),
      );
      toast(next.status === 'approved' ? '已通过' : '已提交审批', 'success');
      await showClaim(next);
    } catch (e) {
      setError((e as Error).message);
      // The banner is at the top, the button at the bottom: the refusal is brought into view.
      showErrors();
    } finally {
      setBusy(false);
    }
  };

  const pay = async () => {
    if (!claim) return;
    resetPayErrors();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(paidOn.trim())) {
      showErrors({ paidOn: '请填写付款日期，如 2026-12-06' });
      return;
    }
    const sure = await confirmAction({
      title: '确认付款',
      content: `报销单 ${claim.no} 付给 ${claim.claimantName ?? claim.claimant} ${formatSnapshot(claim.total)}，付款日期 ${paidOn.trim()}？`,
      confirmText: '付款',
    });
    if (!sure) return;
    setBusy(true);
    setError(undefined);
    const body = {
      paidOn: paidOn.trim(),
      ...(payNote.trim() ? { note: payNote.trim() } : {}),
      expectedVersion: claim.version,
    };
    try {
      const next = await submitWithKey(keys.current, `pay:${claim.no}`, body, (key) =>
        payClaim(claim.no, body, key),
      );
      toast('已付款', 'success');
      await showClaim(next);
    } catch (e) {
      setError((e as Error).message);
      showErrors(e instanceof ApiError ? toFieldErrors(e.issues) : {});
    } finally {
      setBusy(false);
    }
  };

  if (!claim)
    return (
      <View className="page oa" data-testid="claim-detail-page">
        <OaBanner messages={error ? [error] : []} testId="claim-detail-error" />
      </View>
    );
  const actions = claimActions(claim, session?.user, roles);
  return (
    <View className="page oa" data-testid="claim-detail-page">
      <OaBanner messages={error ? [error] : []} testId="claim-detail-error" />
      <View className="oa-card">
        <View className="oa-row">
          <Text className="oa-title" data-testid="claim-no">
            {claim.no}
          </Text>
          <Text
            className={`oa-tag tag tag-${claimStatusTone(claim.status)}`}
            data-testid="claim-status"
          >
            {claimStatusLabel(claim.status)}
          </Text>
        </View>
        <View className="oa-muted" data-testid="claim-claimant">
          报销人：{claim.claimantName ?? claim.claimant}
        </View>
        {claim.title ? <View className="oa-muted">事由：{claim.title}</View> : null}
        <View className="oa-muted">填写于 {formatTimestamp(claim.createdAt)}</View>
        {claim.paidOn ? (
          <View className="oa-muted" data-testid="claim-paid">
            付款日期 {claim.paidOn}
            {claim.paidNote ? ` · ${claim.paidNote}` : ''}
          </View>
        ) : null}
        <View className="oa-row" style={{ marginTop: '8px' }}>
          <Text className="oa-text">合计（{claim.lines.length} 行）</Text>
          <Text className="oa-total" data-testid="claim-detail-total">
            {formatSnapshot(claim.total)}
          </Text>
        </View>
      </View>
      <View className="oa-card">
        {claim.lines.map((l) => {
          const receipts = l.receipts ?? [];
          const shown = receipts.flatMap((id) => (urls[id] ? [urls[id]] : []));
          const landed = landingLabel(l.landing, pools);
          return (
            <View key={l.line} className="oa-line" data-testid={`claim-detail-line-${l.line}`}>
              <View className="oa-row">
                <Text className="oa-text">{l.categoryName ?? l.category}</Text>
                <Text className="oa-money" data-testid={`claim-detail-line-${l.line}-amount`}>
                  {formatSnapshot(l.money)}
                </Text>
              </View>
              <View className="oa-muted">
                {l.date}
                {l.department ? ` · 部门 ${l.department}` : ''}
                {l.workshop ? ` · 车间 ${l.workshop}` : ''}
              </View>
              {l.note ? <View className="oa-muted">{l.note}</View> : null}
              {receipts.length ? (
                <View
                  className="oa-photos"
                  style={{ marginTop: '6px' }}
                  data-testid={`claim-detail-line-${l.line}-receipts`}
                >
                  {receipts.map((id, j) => (
                    <Thumb
                      key={id}
                      src={urls[id]}
                      testId={`claim-detail-line-${l.line}-receipt-${j}`}
                      onTap={() => urls[id] && previewPhotos(shown, urls[id])}
                    />
                  ))}
                </View>
              ) : null}
              {landed ? (
                <View className="oa-muted" data-testid={`claim-detail-line-${l.line}-landing`}>
                  计入：{landed}
                </View>
              ) : null}
            </View>
          );
        })}
      </View>
      {approval ? (
        <View className="oa-card" data-testid="claim-approval">
          <View className="oa-label">审批</View>
          {approval.steps.map((s, i) => (
            <View key={i} className="oa-history" data-testid={`claim-approval-step-${i + 1}`}>
              第 {i + 1} 步 {s.name}：
              {s.status === 'waiting' ? '等待前一步' : decisionLabel(s.status)}
              {s.decidedAt ? ` · ${formatTimestamp(s.decidedAt)}` : ''}
            </View>
          ))}
          {approval.history
            .filter((h) => h.comment)
            .map((h, i) => (
              <View key={i} className="oa-history">
                {ACTIONS[h.action] ?? h.action}意见：{h.comment}
              </View>
            ))}
        </View>
      ) : null}
      {actions.pay ? (
        <View className="oa-card" data-testid="claim-pay">
          <OaField label="付款日期" error={payErrors.paidOn} testId="claim-pay-date">
            <View className="oa-date">
              <DateField
                testId="claim-pay-date"
                value={paidOn}
                onChange={(v) => {
                  setPaidOn(v);
                  clearPayError('paidOn');
                }}
                invalid={!!payErrors.paidOn}
              />
            </View>
          </OaField>
          <OaField label="备注（选填）" error={payErrors.note} testId="claim-pay-note">
            <Input
              className={`oa-input${payErrors.note ? ' oa-input-error' : ''}`}
              data-testid="claim-pay-note"
              placeholder="如：银行转账"
              // The API's limit: a longer note would come back in its own wording.
              maxlength={200}
              value={payNote}
              onInput={(e) => {
                setPayNote(e.detail.value);
                clearPayError('note');
              }}
            />
          </OaField>
          <View className="oa-actions">
            <Button
              className="oa-btn oa-btn-primary"
              data-testid="claim-pay-submit"
              disabled={busy}
              onClick={() => void pay()}
            >
              付款
            </Button>
          </View>
        </View>
      ) : null}
      {actions.edit || actions.submit ? (
        <View className="oa-actions">
          {actions.edit ? (
            <Button
              className="oa-btn"
              data-testid="claim-edit"
              disabled={busy}
              onClick={() => goTo('claimEdit', { no: claim.no })}
            >
              编辑
            </Button>
          ) : null}
          {actions.submit ? (
            <Button
              className="oa-btn oa-btn-primary"
              data-testid="claim-detail-submit"
              disabled={busy}
              onClick={() => void submit()}
            >
              {claim.status === 'rejected' ? '重新提交' : '提交审批'}
            </Button>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}

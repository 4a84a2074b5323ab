import type { ExpenseClaim, ExpenseClaimStatus } from '@factory/shared';
import { Button, Input, Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import { type ClaimQuery, claimsExportPath, listClaims } from '../../../api/claims';
import {
  CLAIM_TABS,
  claimStatusLabel,
  claimStatusTone,
  claimantsOf,
  readsAllClaims,
} from '../../../lib/claims';
import { formatTimestamp } from '../../../lib/dates';
import { formatSnapshot } from '../../../lib/money';
import { useFieldErrors } from '../../../lib/useFieldErrors';
import {
  goTo,
  setTitle,
  stopPullDownRefresh,
  usePageShow,
  usePullDownRefresh,
} from '../../../platform/nav';
import { openFile } from '../../../platform/download';
import { getSession } from '../../../platform/session';
import { OaBanner } from '../parts';
import '../office.css';

/** The list's filters as the API takes them (the list and its export alike). */
function query(
  s: ExpenseClaimStatus | undefined,
  who: string | undefined,
  text: string | undefined,
): ClaimQuery {
  return {
    ...(s ? { status: s } : {}),
    ...(who ? { claimant: who } : {}),
    ...(text ? { q: text } : {}),
  };
}

/**
 * 我的报销: one's claims by status (草稿/审批中/已通过/已驳回/已付款), each with its number,
 * total, date and status; finance, managers and admins see everyone's (报销单) and may keep to
 * one claimant, search by number, claimant or note, and export what they find (导出 Excel). A
 * tap opens the claim.
 */
export default function ClaimsPage() {
  const session = getSession();
  const all = readsAllClaims(session?.roles ?? []);
  const [status, setStatus] = useState<ExpenseClaimStatus>();
  const [claimant, setClaimant] = useState<string>();
  const [claims, setClaims] = useState<ExpenseClaim[]>();
  /** Everyone who has claims (finance's filter), from the unfiltered list. */
  const [people, setPeople] = useState<{ user: string; name: string }[]>([]);
  const [error, setError] = useState<string>();
  /** The search text as typed, and as last searched (what the list and the export show). */
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState<string>();
  const [exporting, setExporting] = useState(false);
  // No form here: only the banner, brought into view when the export at the foot fails.
  const { show } = useFieldErrors();

  const load = useCallback(
    async (s: ExpenseClaimStatus | undefined, who: string | undefined, text?: string) => {
      setError(undefined);
      try {
        const [list, everyone] = await Promise.all([
          listClaims(query(s, who, text)),
          all ? listClaims({}) : Promise.resolve(undefined),
        ]);
        setClaims(list);
        if (everyone) setPeople(claimantsOf(everyone));
      } catch (e) {
        setError((e as Error).message);
      }
    },
    [all],
  );

  usePageShow(() => {
    setTitle(all ? '报销单' : '我的报销');
    void load(status, claimant, q);
  });
  usePullDownRefresh(() => void load(status, claimant, q).finally(stopPullDownRefresh));

  const search = () => {
    const text = typed.trim() || undefined;
    setQ(text);
    void load(status, claimant, text);
  };

  const exportClaims = async () => {
    if (exporting) return;
    setExporting(true);
    setError(undefined);
    try {
      await openFile(claimsExportPath(query(status, claimant, q)), '报销单.xlsx');
    } catch (e) {
      setError((e as Error).message);
      show();
    } finally {
      setExporting(false);
    }
  };

  const tab = (s: ExpenseClaimStatus | undefined) => (
    <View
      key={s ?? 'all'}
      className={`oa-tab${status === s ? ' oa-tab-active' : ''}`}
      data-testid={`claims-tab-${s ?? 'all'}`}
      onClick={() => {
        setStatus(s);
        void load(s, claimant, q);
      }}
    >
      {s ? claimStatusLabel(s) : '全部'}
    </View>
  );

  return (
    <View className="page oa" data-testid="claims-page">
      <View className="oa-tabs">
        {tab(undefined)}
        {CLAIM_TABS.map(tab)}
      </View>
      {all && people.length ? (
        <View className="oa-card">
          <View className="oa-label">报销人</View>
          <View className="oa-chips" data-testid="claims-claimants">
            {[{ user: '', name: '全部人员' }, ...people].map((p) => (
              <Text
                key={p.user || 'all'}
                className={`oa-chip${(claimant ?? '') === p.user ? ' oa-chip-active' : ''}`}
                data-testid={`claims-claimant-${p.user || 'all'}`}
                onClick={() => {
                  const who = p.user || undefined;
                  setClaimant(who);
                  void load(status, who, q);
                }}
              >
                {p.name}
              </Text>
            ))}
          </View>
        </View>
      ) : null}
      {all ? (
        <View className="oa-card">
          <View className="oa-label">搜索</View>
          <View className="oa-row">
            <Input
              className="oa-input"
              data-testid="claims-search"
              placeholder="单号、报销人或备注"
              // The API's limit: a longer text would be refused in its own wording.
              maxlength={100}
              value={typed}
              confirmType="search"
              onInput={(e) => setTyped(e.detail.value)}
              onConfirm={search}
            />
            <Button className="oa-btn" data-testid="claims-search-go" onClick={search}>
              搜索
            </Button>
          </View>
        </View>
      ) : null}
      <OaBanner messages={error ? [error] : []} testId="claims-error" />
      {claims?.length === 0 ? (
        <View className="oa-card oa-muted" data-testid="claims-empty">
          {status ? `没有${claimStatusLabel(status)}的报销单` : '还没有报销单'}
        </View>
      ) : null}
      {claims?.map((c) => (
        <View
          key={c.no}
          className="oa-card oa-tappable"
          data-testid={`claim-row-${c.no}`}
          onClick={() => goTo('claimDetail', { no: c.no })}
        >
          <View className="oa-row">
            <Text className="oa-text">{c.no}</Text>
            <Text
              className={`oa-tag tag tag-${claimStatusTone(c.status)}`}
              data-testid={`claim-row-${c.no}-status`}
            >
              {claimStatusLabel(c.status)}
            </Text>
          </View>
          <View className="oa-row">
            <Text className="oa-muted">
              {all ? `${c.claimantName ?? c.claimant} · ` : ''}
              {formatTimestamp(c.submittedAt ?? c.createdAt).slice(0, 10)} · {c.lines.length} 行
              {c.title ? ` · ${c.title}` : ''}
            </Text>
            <Text className="oa-money" data-testid={`claim-row-${c.no}-total`}>
              {formatSnapshot(c.total)}
            </Text>
          </View>
        </View>
      ))}
      <View className="oa-footer">
        <View className="oa-actions">
          {all ? (
            <Button
              className="oa-btn"
              data-testid="claims-export"
              onClick={() => void exportClaims()}
            >
              {exporting ? '正在导出…' : '导出 Excel'}
            </Button>
          ) : null}
          <Button
            className="oa-btn oa-btn-primary"
            data-testid="claims-new"
            onClick={() => goTo('claimEdit')}
          >
            新建报销
          </Button>
        </View>
      </View>
    </View>
  );
}

import { Button, Input, View } from '@tarojs/components';
import { useState } from 'react';
import { taskOrderProgress } from '../../../api/shopfloor';
import { ErrorBanner } from '../../../components/Field';
import { recentTaskOrders, taskStateLabel, type RecentTaskOrder } from '../../../lib/taskOrders';
import { goTo, usePageParams, usePageShow, type PageName } from '../../../platform/nav';
import { canScan, scanBarcode } from '../../../platform/scan';

const NEXT: Record<string, PageName> = { pick: 'pick', workReport: 'workReport' };

/**
 * 我的任务单: open a task order by its number (typed, or scanned from the order's sheet) and
 * the ones opened on this phone lately. (The task order list API arrives with the picking
 * API; until then there is no server-side list to show here.)
 */
export default function TaskOrdersPage() {
  const params = usePageParams();
  const next = NEXT[params.next ?? ''] ?? 'taskOrder';
  const [no, setNo] = useState('');
  const [recent, setRecent] = useState<RecentTaskOrder[]>([]);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  usePageShow(() => setRecent(recentTaskOrders()));

  const open = async (value: string) => {
    const code = value.trim();
    if (!code) return setError('请输入任务单号');
    setBusy(true);
    setError(undefined);
    try {
      await taskOrderProgress(code);
      goTo(next, { no: code });
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page" data-testid="task-orders-page">
      <View className="card">
        <View className="label">任务单号</View>
        <View className="row">
          <Input
            className="input"
            data-testid="task-order-no"
            placeholder="输入或扫描任务单号"
            value={no}
            onInput={(e) => setNo(e.detail.value)}
            onConfirm={() => void open(no)}
          />
        </View>
        <View className="btn-row">
          {canScan() ? (
            <Button
              className="btn"
              data-testid="task-order-scan"
              onClick={() => void scanBarcode().then((v) => (v ? open(v) : undefined))}
            >
              扫码
            </Button>
          ) : null}
          <Button
            className="btn btn-primary"
            data-testid="task-order-open"
            disabled={busy}
            onClick={() => void open(no)}
          >
            打开
          </Button>
        </View>
      </View>
      <ErrorBanner messages={error ? [error] : []} />
      <View className="card" data-testid="task-orders-recent">
        <View className="title">最近打开</View>
        {recent.length === 0 ? <View className="muted">暂无</View> : null}
        {recent.map((r) => (
          <View
            key={r.no}
            className="list-item row"
            data-testid={`task-row-${r.no}`}
            onClick={() => goTo(next, { no: r.no })}
          >
            <View>
              <View>{r.no}</View>
              <View className="muted">
                {r.item} × {r.qty}
              </View>
            </View>
            <View className="tag">{taskStateLabel(r.status)}</View>
          </View>
        ))}
      </View>
    </View>
  );
}

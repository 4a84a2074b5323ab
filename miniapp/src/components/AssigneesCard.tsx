import type { TaskOrderView } from '@factory/shared';
import { Button, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { assignableWorkers, assignTaskOrder, getTaskOrder } from '../api/shopfloor';
import { userName } from '../lib/labels';
import { SubmitKeys } from '../lib/submitKey';
import { submitWithKey } from '../lib/submitWithKey';
import { toast } from '../platform/nav';
import { ErrorBanner } from './Field';

/**
 * 负责人 of a task order, by name: the workers it is assigned to (unassigned: every worker sees
 * it). Planners, supervisors, managers and admins change it here: tap workers, 保存.
 * Test ids: `task-assignees`, `task-assign-edit`, `task-assign-<userid>`, `task-assign-save`.
 */
export function AssigneesCard(props: { no: string; mayAssign: boolean }) {
  const [order, setOrder] = useState<TaskOrderView>();
  const [editing, setEditing] = useState(false);
  const [workers, setWorkers] = useState<{ userid: string; name: string }[]>([]);
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const keys = useRef(new SubmitKeys());

  useEffect(() => {
    getTaskOrder(props.no)
      .then(setOrder)
      .catch(() => setOrder(undefined));
  }, [props.no]);

  const named = order?.assignees ?? [];
  const edit = async () => {
    setError(undefined);
    try {
      setWorkers((await assignableWorkers()).items);
      setChosen(named);
      setEditing(true);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const saved = await submitWithKey(keys.current, `assign:${props.no}`, chosen, (key) =>
        assignTaskOrder(props.no, chosen, key),
      );
      setOrder(saved);
      setEditing(false);
      toast('负责人已保存', 'success');
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card" data-testid="task-assignees-card">
      <View className="row">
        <View className="title">负责人</View>
        {props.mayAssign && !editing ? (
          <View className="tag chip" data-testid="task-assign-edit" onClick={() => void edit()}>
            指派
          </View>
        ) : null}
      </View>
      <View data-testid="task-assignees">
        {named.length
          ? named.map((u) => userName(u, order?.labels)).join('、')
          : '未指派（所有操作工都能看到）'}
      </View>
      {editing ? (
        <View>
          <View className="muted">点选负责的操作工（可多选，不选则所有操作工都能看到）</View>
          {workers.map((w) => (
            <View
              key={w.userid}
              className={`list-item${chosen.includes(w.userid) ? ' tab-active' : ''}`}
              data-testid={`task-assign-${w.userid}`}
              onClick={() =>
                setChosen((c) =>
                  c.includes(w.userid) ? c.filter((u) => u !== w.userid) : [...c, w.userid],
                )
              }
            >
              {chosen.includes(w.userid) ? '☑ ' : '☐ '}
              {w.name}
            </View>
          ))}
          <View className="btn-row">
            <Button
              className="btn"
              data-testid="task-assign-cancel"
              onClick={() => setEditing(false)}
            >
              取消
            </Button>
            <Button
              className="btn btn-primary"
              data-testid="task-assign-save"
              disabled={busy}
              onClick={() => void save()}
            >
              保存
            </Button>
          </View>
        </View>
      ) : null}
      <ErrorBanner messages={error ? [error] : []} />
    </View>
  );
}

import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { AppError, type AffectedOrder, type Ecn, type Page } from '@factory/shared';
import type { Deps } from '../deps.js';
import { isTaskOrderDone } from '../domain/states.js';
import { keys } from './keys.js';
import { queryPage } from './query.js';
import type { TxItem } from './transact.js';
import { expectVersion } from './expressions.js';
import { refuseOversized } from './itemSize.js';

/** Engineering change documents, and the open orders an ECN may affect. */
export function ecnRepo(deps: Pick<Deps, 'db' | 'tableName'>, tenant: string) {
  const TableName = deps.tableName;
  const STORE_ONLY = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'type', 'attempt']);
  const ecnKey = (no: string) => {
    const { pk, sk } = keys.ecn(tenant, no);
    return { pk, sk };
  };

  function toEcn(raw: Record<string, unknown>): Ecn & { attempt?: string } {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(raw)) if (!STORE_ONLY.has(k)) out[k] = v;
    out.revision = Number(raw.revision);
    for (const r of (out.records as { baseRevision: unknown }[]) ?? []) {
      r.baseRevision = r.baseRevision === null ? null : Number(r.baseRevision);
    }
    return { ...(out as Ecn), ...(raw.attempt ? { attempt: String(raw.attempt) } : {}) };
  }

  async function get(no: string): Promise<(Ecn & { attempt?: string }) | undefined> {
    const res = await deps.db.send(
      new GetCommand({ TableName, Key: ecnKey(no), ConsistentRead: true }),
    );
    return res.Item ? toEcn(res.Item) : undefined;
  }

  /** Writes the ECN if it is still at `expected` (undefined: new). */
  function put(ecn: Ecn & { attempt?: string }, expected: number | undefined): TxItem {
    const k = keys.ecn(tenant, ecn.no);
    // Every change's before and after lines are kept on the ECN: one item, so bounded.
    refuseOversized(ecn, `工程变更单 ${ecn.no}`, '请把变更拆分为多张工程变更单（例如按父件分批）');
    return {
      Put: {
        TableName,
        Item: { ...k, type: 'ecn', ...ecn },
        ...expectVersion(expected, 'revision'),
      },
      onConditionFailed: () =>
        new AppError(
          'resource.versionConflict',
          `工程变更单 ${ecn.no} 已被他人处理，请刷新后重试`,
          {
            entity: 'ecn',
            id: ecn.no,
          },
        ),
    };
  }

  async function save(
    ecn: Ecn & { attempt?: string },
    expected: number | undefined,
  ): Promise<void> {
    const { Put, onConditionFailed } = put(ecn, expected);
    try {
      await deps.db.send(new PutCommand(Put!));
    } catch (err) {
      if ((err as { name?: string }).name === 'ConditionalCheckFailedException')
        throw onConditionFailed!(undefined);
      throw err;
    }
  }

  function list(q: { status?: string; limit: number; cursor?: string }): Promise<Page<Ecn>> {
    return queryPage(
      deps,
      {
        indexName: 'gsi1',
        partition: { attr: 'gsi1pk', value: keys.ecn(tenant, '').gsi1pk },
        build: (e) => (q.status ? { filter: `${e.name('status')} = ${e.value(q.status)}` } : {}),
      },
      q,
      toEcn,
    );
  }

  /** Open task orders of the given items (planned orders join when planning exists). */
  async function openTaskOrdersOf(items: ReadonlySet<string>): Promise<AffectedOrder[]> {
    const out: AffectedOrder[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const res = await deps.db.send(
        new QueryCommand({
          TableName,
          IndexName: 'gsi1',
          KeyConditionExpression: '#g = :g',
          ExpressionAttributeNames: { '#g': 'gsi1pk' },
          ExpressionAttributeValues: { ':g': keys.ordersByKind(tenant, 'taskOrder') },
          ExclusiveStartKey: start,
        }),
      );
      for (const o of res.Items ?? []) {
        const status = String(o.status ?? 'open');
        if (items.has(String(o.item)) && !isTaskOrderDone(status)) {
          out.push({
            kind: 'taskOrder',
            no: String(o.no),
            item: String(o.item),
            qty: String(o.qty),
            status,
          });
        }
      }
      start = res.LastEvaluatedKey;
    } while (start);
    return out;
  }

  return { get, put, save, list, openTaskOrdersOf };
}

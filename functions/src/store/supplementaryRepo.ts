import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AppError, Supplementary } from '@factory/shared';
import type { Deps } from '../deps.js';
import { Expr } from './expressions.js';
import { keys } from './keys.js';
import { queryAll } from './query.js';
import type { TxItem } from './transact.js';

/** Supplementary issue requests (补料单): one item each, with its lines packed in. */
export function supplementaryRepo(deps: Pick<Deps, 'db' | 'tableName'>, tenant: string) {
  const TableName = deps.tableName;

  function toRecord(raw: Record<string, unknown>): Supplementary {
    return {
      no: String(raw.no),
      order: String(raw.order),
      date: String(raw.date),
      reason: String(raw.reason),
      lines: ((raw.lines as Record<string, unknown>[] | undefined) ?? []).map((l) => ({
        item: String(l.item),
        warehouse: String(l.warehouse),
        qty: String(l.qty),
      })),
      status: String(raw.status) as Supplementary['status'],
      ...(raw.approvalId ? { approvalId: String(raw.approvalId) } : {}),
      ...(raw.stockDocument ? { stockDocument: String(raw.stockDocument) } : {}),
      createdAt: String(raw.createdAt),
      createdBy: String(raw.createdBy),
    };
  }

  async function get(no: string): Promise<Supplementary | undefined> {
    const res = await deps.db.send(
      new GetCommand({
        TableName,
        Key: { pk: `${keys.supplementaryIssue(tenant, no, '').pk}`, sk: '#' },
        ConsistentRead: true,
      }),
    );
    return res.Item ? toRecord(res.Item) : undefined;
  }

  /** One task order's requests, newest first. */
  async function listByOrder(order: string): Promise<Supplementary[]> {
    const rows = await queryAll(deps, {
      attr: 'gsi1pk',
      value: keys.supplementaryByOrder(tenant, order),
    });
    return rows.map(toRecord).sort((a, b) => (a.no < b.no ? 1 : a.no > b.no ? -1 : 0));
  }

  function createItem(rec: Supplementary): TxItem {
    return {
      Put: {
        TableName,
        Item: {
          ...keys.supplementaryIssue(tenant, rec.no, rec.order),
          type: 'supplementaryIssue',
          ...rec,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  /** Moves a pending request on (posted or rejected); fails if it is no longer pending. */
  function finishItem(
    rec: Supplementary,
    set: { status: 'posted' | 'rejected'; stockDocument?: string },
    onConflict: () => AppError,
  ): TxItem {
    const e = new Expr();
    const k = keys.supplementaryIssue(tenant, rec.no, rec.order);
    const update = e.update({ set });
    return {
      Update: {
        TableName,
        Key: { pk: k.pk, sk: k.sk },
        ...e.forUpdate(update, `${e.name('status')} = ${e.value('pending')}`),
      },
      onConditionFailed: onConflict,
    };
  }

  return { get, listByOrder, createItem, finishItem };
}

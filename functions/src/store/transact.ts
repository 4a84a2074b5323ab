import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { AppError } from '@factory/shared';
import { noteCommit, TransactionConflictError } from './conflicts.js';
import { type Key, keys } from './keys.js';
import { markPuts, type MarkRequest } from './mrpMarks.js';

type SdkTransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * A transaction item built as data by a repository, with what its failed condition means in
 * business terms. The mapper gets the item as it was (ALL_OLD), so a shortage can name the
 * available quantity.
 */
export type TxItem = SdkTransactItem & {
  onConditionFailed?: (old: Record<string, unknown> | undefined) => AppError;
  /**
   * Called once the transaction committed (never when it failed): the local runtime's outbox
   * worker is woken this way when an outbox record is written (in AWS the table's stream
   * does it).
   */
  onCommitted?: () => void;
  /**
   * The items whose demand or supply this write changes: their planning marks are written in
   * the same transaction (`withPlanningMarks`), so a committed change always leaves its mark.
   */
  marks?: MarkRequest;
};

/** DynamoDB's limit on a transaction. */
const DYNAMODB_TRANSACTION_ITEMS = 100;

/**
 * What a caller may put in one transaction: one item stays free for the period lock's check,
 * one for a planning mark (`withPlanningMarks`).
 */
export const MAX_TRANSACTION_ITEMS = DYNAMODB_TRANSACTION_ITEMS - 2;

/** Errors from several failed conditions are combined by code (e.g. every shortage at once). */
export type CancellationCombiner = (errors: AppError[]) => AppError;

export async function transactWrite(
  db: DynamoDBDocumentClient,
  items: TxItem[],
  combine: CancellationCombiner = (errors) => errors[0]!,
): Promise<void> {
  if (items.length === 0) return;
  items = withPeriodLock(items);
  items = withPlanningMarks(items);
  if (items.length > DYNAMODB_TRANSACTION_ITEMS) {
    throw new Error(
      `transaction of ${items.length} items exceeds ${DYNAMODB_TRANSACTION_ITEMS}; chunk it first`,
    );
  }
  const TransactItems = items.map(({ onConditionFailed, onCommitted: _c, marks: _m, ...op }) =>
    withReturnOld(op, onConditionFailed !== undefined),
  );
  try {
    await db.send(new TransactWriteCommand({ TransactItems }));
  } catch (err) {
    const reasons = cancellationReasons(err);
    if (!reasons) throw err;
    // Another transaction held one of the items: nothing was written, and whatever the
    // conditions said was read while that one was changing them. Retried by the caller.
    if (reasons.some((r) => r.Code === 'TransactionConflict')) {
      throw new TransactionConflictError(
        `transaction of ${items.length} items refused: another transaction held one of its items`,
      );
    }
    const mapped: AppError[] = [];
    reasons.forEach((reason, i) => {
      if (reason.Code !== 'ConditionalCheckFailed') return;
      const mapper = items[i]?.onConditionFailed;
      // The document client does not unmarshall cancellation reasons; numbers stay exact text.
      const old = reason.Item
        ? unmarshall(reason.Item, { wrapNumbers: (text: string) => text })
        : undefined;
      if (mapper) mapped.push(mapper(old));
    });
    if (mapped.length > 0) throw combine(mapped);
    throw err;
  }
  noteCommit();
  for (const item of items) item.onCommitted?.();
}

/**
 * Every transaction whose items change planning demand or supply (`TxItem.marks`: a sales
 * order, a task, purchase or outsourcing order, a forecast, a ledger move, a BOM head, an
 * item's planning data) writes the planning marks of those items in the same transaction,
 * below every use case, so no path can change a plan's input without marking it. Every
 * transaction that writes an order (marked or not: a receipt's update of its purchase order
 * carries no mark of its own) also notes the order (an order mark), so that a net run reads
 * again only the orders written since the plan before. When they do not fit, one `*` mark
 * (plan every item, read every order) takes their place; callers leave room for it
 * (`MAX_TRANSACTION_ITEMS`).
 */
function withPlanningMarks(items: TxItem[]): TxItem[] {
  const requests: MarkRequest[] = items.flatMap((i) => (i.marks ? [i.marks] : []));
  for (const i of items) {
    const pk = (i.Put?.Item ?? i.Update?.Key ?? i.Delete?.Key)?.pk;
    const tenant = typeof pk === 'string' ? keys.tenantOfOrderPk(pk) : undefined;
    if (tenant) requests.push({ tenant, items: [], order: pk as string });
  }
  if (requests.length === 0) return items;
  const op = items[0]!;
  const TableName = (op.Put ?? op.Update ?? op.Delete ?? op.ConditionCheck)!.TableName!;
  const marks = markPuts(TableName, requests, DYNAMODB_TRANSACTION_ITEMS - items.length);
  if (!marks) throw new Error('transaction leaves no room for its planning mark');
  return [...items, ...marks];
}

function withReturnOld(op: SdkTransactItem, wanted: boolean): SdkTransactItem {
  if (!wanted) return op;
  const extra = { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const };
  if (op.Put) return { Put: { ...op.Put, ...extra } };
  if (op.Update) return { Update: { ...op.Update, ...extra } };
  if (op.Delete) return { Delete: { ...op.Delete, ...extra } };
  if (op.ConditionCheck) return { ConditionCheck: { ...op.ConditionCheck, ...extra } };
  return op;
}

type Reason = { Code?: string; Item?: Record<string, AttributeValue> };

function cancellationReasons(err: unknown): Reason[] | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { name?: string; CancellationReasons?: Reason[] };
  return e.name === 'TransactionCanceledException' ? (e.CancellationReasons ?? []) : undefined;
}

/** Split into transactions of at most `size` items, keeping order. */
export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Every transaction that writes a stock document checks the tenant's costing lock in the same
 * transaction: a document dated in a closed period is refused even when it races the close
 * (docs/costing.md, "Closing"). The check is added here, below every use case, so no posting
 * path can miss it.
 */
function withPeriodLock(items: TxItem[]): TxItem[] {
  const earliest = new Map<string, { TableName: string; date: string }>();
  for (const item of items) {
    const put = item.Put;
    if (put?.Item?.type !== 'stockDocument' || typeof put.Item.date !== 'string') continue;
    const lock = keys.costingLockOfKey(String(put.Item.pk));
    const seen = earliest.get(lock.pk);
    if (!seen || put.Item.date < seen.date) {
      earliest.set(lock.pk, { TableName: put.TableName!, date: put.Item.date });
    }
  }
  if (earliest.size === 0) return items;
  const checks = [...earliest].map(([pk, { TableName, date }]) =>
    periodLockCheck(TableName, keys.costingLockOfKey(pk), date),
  );
  return [...items, ...checks];
}

/** A check that the tenant's costing lock (`lock`) leaves `date` open. */
export function periodLockCheck(TableName: string, lock: Key, date: string): TxItem {
  return {
    ConditionCheck: {
      TableName,
      Key: lock,
      ConditionExpression: 'attribute_not_exists(#c) OR #c < :d',
      ExpressionAttributeNames: { '#c': 'closedThrough' },
      ExpressionAttributeValues: { ':d': date },
    },
    onConditionFailed: (old) =>
      new AppError(
        'costing.periodClosed',
        `${String(old?.period ?? '')} 期间已关账（截至 ${String(old?.closedThrough ?? '')}），不能再记入 ${date} 的业务；如需更正请由主管反关账`,
        { date, closedThrough: old?.closedThrough, period: old?.period },
      ),
  };
}

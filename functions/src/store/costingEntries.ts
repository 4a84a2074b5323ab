import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { type ExpenseEntry, alreadyExists } from '@factory/shared';
import type { Deps } from '../deps.js';
import { keys } from './keys.js';
import { declareRecord } from './records.js';
import { periodLockCheck, type TxItem } from './transact.js';

/**
 * What a document outside costing needs to put an amount into a pool (an approved expense
 * claim, decided in the approvals area): the closing day, the posting lock and the entry's
 * write. Kept apart from costingRepo, and free of costing's contracts, so the approvals bundle
 * carries none of costing (it stays under 300 KB); costingRepo's entry record is the same
 * declaration with its contract as the parser.
 */
type Db = Pick<Deps, 'db' | 'tableName'>;

/** The entry record's place and storage (costingRepo adds the parser). */
export const costExpenseDeclaration = {
  type: 'costExpense',
  key: (tenant: string, e: { period: string; id: string }) =>
    keys.costExpense(tenant, e.period, e.id),
  storage: { kind: 'json', attribute: 'doc' } as const,
};

const costExpenseWrite = /* @__PURE__ */ declareRecord<
  ExpenseEntry,
  { period: string; id: string }
>({
  ...costExpenseDeclaration,
  // Written only here: costingRepo reads entries with the contract.
  parse: (fields) => fields as unknown as ExpenseEntry,
});

export const addExpenseItem = (deps: Db, tenant: string, e: ExpenseEntry): TxItem =>
  costExpenseWrite.putNew(deps, tenant, e, () => alreadyExists('costExpense', e.id));

/** Holds a write to `date` back if the period it falls in is closed meanwhile. */
export const costingOpenCheck = (deps: Db, tenant: string, date: string): TxItem =>
  periodLockCheck(deps.tableName, keys.costingLock(tenant), date);

/** The day the lock is closed through (undefined: nothing closed). */
export async function closedThrough(deps: Db, tenant: string): Promise<string | undefined> {
  const res = await deps.db.send(
    new GetCommand({
      TableName: deps.tableName,
      Key: keys.costingLock(tenant),
      ConsistentRead: true,
    }),
  );
  return res.Item?.closedThrough ? String(res.Item.closedThrough) : undefined;
}

/** The tenant's closing day (undefined: calendar months), from the costing settings. */
export async function closingDayOf(deps: Db, tenant: string): Promise<number | undefined> {
  const res = await deps.db.send(
    new GetCommand({
      TableName: deps.tableName,
      Key: keys.costingSettings(tenant),
      ConsistentRead: true,
    }),
  );
  if (!res.Item?.doc) return undefined;
  const day = (JSON.parse(String(res.Item.doc)) as { closingDay?: unknown }).closingDay;
  return typeof day === 'number' ? day : undefined;
}

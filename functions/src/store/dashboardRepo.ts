import type { Deps } from '../deps.js';
import { keys } from './keys.js';
import { queryPage } from './query.js';

/** A task order as production progress reads it, with when its work reports completed it. */
export type TaskOrderProgressRow = {
  no: string;
  item: string;
  qty: string;
  dueDate: string;
  status: string;
  completedAt?: string;
};

const text = (v: unknown): string | undefined =>
  v === undefined || v === null ? undefined : String(v);

/**
 * Every task order of the tenant (its own index partition, open and done ones, legacy ones
 * included), read by pages: only the fields the dashboard counts, among them `completedAt`,
 * which the task order document does not carry.
 */
export async function taskOrderProgressRows(
  deps: Pick<Deps, 'db' | 'tableName'>,
  tenant: string,
): Promise<TaskOrderProgressRow[]> {
  const rows: TaskOrderProgressRow[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryPage(
      deps,
      {
        indexName: 'gsi1',
        partition: { attr: 'gsi1pk', value: keys.ordersByKind(tenant, 'taskOrder') },
      },
      { limit: 500, ...(cursor ? { cursor } : {}) },
      (raw): TaskOrderProgressRow => {
        const completedAt = text(raw.completedAt);
        return {
          no: String(raw.no),
          item: String(raw.item),
          qty: text(raw.qty) ?? '0',
          dueDate: text(raw.dueDate) ?? text(raw.startDate) ?? '9999-12-31',
          status: text(raw.status) ?? 'open',
          ...(completedAt ? { completedAt } : {}),
        };
      },
    );
    rows.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return rows;
}

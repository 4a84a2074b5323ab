import type { Deps } from '../deps.js';
import { retryOnConflict } from './conflicts.js';
import { reversibleApply, type Reversible } from './reversible.js';
import { transactWrite, type CancellationCombiner, type TxItem } from './transact.js';

/**
 * How a use case commits the writes its repositories built (the port `deps.unitOfWork`;
 * `tableUnitOfWork` below over the table). A use case never sends a transaction itself.
 */
export interface UnitOfWork {
  /**
   * One transaction, all or nothing (at most 100 items). A failed condition becomes the
   * item's business error (several combined by `combine`); a conflict with another
   * transaction is retried when `retryConflicts` (the items are safe to send again: guarded
   * by a condition), else passed to the route, which runs the use case again from fresh reads.
   */
  commit(
    items: TxItem[],
    options?: { combine?: CancellationCombiner; retryConflicts?: boolean },
  ): Promise<void>;
  /**
   * Groups of reversible writes committed as one whatever their number: chunks of at most
   * 100 items, each with its log entry under `owner` (the undo of every write in it), so a
   * failed chunk takes back the chunks before it and an interrupted apply is rolled back by
   * `rollBack` before it is tried again. `last` rides in the final chunk (the record that the
   * change is done), `everyChunk` in each chunk and each undo, `first` (asked only when there
   * are several chunks) in the first. Groups stay in one chunk.
   */
  apply(
    tenant: string,
    owner: string,
    groups: Reversible[][],
    options?: { last?: TxItem[]; everyChunk?: TxItem[]; first?: () => TxItem[] },
  ): Promise<void>;
  /** Undoes what an interrupted `apply` under `owner` left applied; how many chunks it undid. */
  rollBack(tenant: string, owner: string): Promise<number>;
}

/**
 * The unit of work over the table (the port `deps.unitOfWork`): how a use case commits the
 * writes its repositories built, without choosing between a transaction, a chunked apply with
 * its log, or how a conflict is retried.
 */
export function tableUnitOfWork(deps: Pick<Deps, 'db' | 'tableName'>): UnitOfWork {
  return {
    async commit(items, options = {}) {
      const once = () => transactWrite(deps.db, items, options.combine);
      await (options.retryConflicts ? retryOnConflict(once) : once());
    },
    async apply(tenant, owner, groups, options = {}) {
      await reversibleApply(deps, tenant, owner).run(
        groups,
        options.last,
        options.everyChunk,
        options.first,
      );
    },
    rollBack: (tenant, owner) => reversibleApply(deps, tenant, owner).rollBack(),
  };
}

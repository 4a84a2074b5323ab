import { AppError, type Session, type StockDocument } from '@factory/shared';
import type { Deps } from '../../deps.js';
import type { PlannedMove, References } from '../../domain/inventory/index.js';
import { combineStockErrors, type DocumentHeader } from '../../store/stockRepo.js';
import { MAX_TRANSACTION_ITEMS, type TxItem } from '../../store/transact.js';
import { countDocumentsPosted, documentMoves, documentsWrites } from '../posting.js';

const ATTEMPTS = 3;

const isOrderConflict = (err: unknown) =>
  err instanceof AppError &&
  err.code === 'resource.versionConflict' &&
  err.details?.entity === 'outsourcingOrder';

/**
 * Runs a write of an outsourcing order again from fresh reads when another write of the same
 * order got there first (its revision moved): nothing of the lost attempt was written.
 */
export async function retryOnOrderConflict<R>(attempt: () => Promise<R>): Promise<R> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      if (!isOrderConflict(err) || n >= ATTEMPTS) throw err;
    }
  }
}

/** The order's conflict first (the retry answers the domain's reason), else every shortage. */
function orderFirst(errors: AppError[]): AppError {
  return errors.find(isOrderConflict) ?? combineStockErrors(errors);
}

export type OutsourcingDoc = { header: DocumentHeader; moves: PlannedMove[] };

/** A document as posted (what the routes answer). */
export const posted = (d: OutsourcingDoc): StockDocument => ({
  ...d.header,
  status: 'posted',
  moves: documentMoves(d.moves),
});

/**
 * Commits an outsourcing document (its moves and balances, guarded against going negative)
 * with the order's update and the caller's items in one transaction. A document too large for
 * one transaction is refused (422 document.tooManyLines naming `body.lines`), so nothing is
 * ever posted in part.
 */
export async function commitOutsourcing(
  deps: Deps,
  s: Session,
  doc: OutsourcingDoc,
  writes: TxItem[],
  refs?: References,
): Promise<void> {
  const items = [...(await documentsWrites(deps, s.tenant, [doc], refs)), ...writes];
  if (items.length > MAX_TRANSACTION_ITEMS) {
    throw new AppError(
      'document.tooManyLines',
      `单据行数过多（${doc.moves.length} 笔库存变动），请分多次操作`,
      { moves: doc.moves.length },
      [{ path: ['body', 'lines'], message: '行数过多，请分多次操作' }],
    );
  }
  await deps.unitOfWork.commit(items, { combine: orderFirst });
  countDocumentsPosted([doc]);
}

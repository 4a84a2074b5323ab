import { AppError, type StockDocument } from '@factory/shared';
import type { Deps } from '../deps.js';
import { type BalanceChange, type PlannedMove, postingOrder } from '../domain/inventory/index.js';
import {
  combineStockErrors,
  stockRepo,
  type DocumentHeader,
  type PostingPlanStep,
} from '../store/stockRepo.js';
import { MAX_TRANSACTION_ITEMS, transactWrite, type TxItem } from '../store/transact.js';
import type { CommitHooks } from './hooks.js';

type Repo = ReturnType<typeof stockRepo>;

/**
 * What the completing transaction may carry besides the posting by default: an idempotency
 * record and one document change (an order's received quantities, say) from
 * `CommitHooks.onComplete`. A caller with more (a pick updating several task orders) says so.
 */
const COMPLETION_ITEMS = 2;

/** Items per chunk: room for the posting record's progress update and the completion items. */
const chunkSizeFor = (completionItems: number) => MAX_TRANSACTION_ITEMS - 1 - completionItems;

export type PostingOptions = {
  /** The most items `onComplete` adds (default 2). */
  completionItems?: number;
  /** Kept on the posting record for a resume (see `PostingRecord.context`). */
  context?: unknown;
  /** Called after each chunk of a multi-transaction posting (a long import renews its lease). */
  onChunk?: (done: number, of: number) => Promise<void>;
};

/**
 * Writes a document, its ledger moves and its balance changes. Up to 100 items this is one
 * transaction. A larger document becomes a posting record that is advanced chunk by chunk:
 * each chunk applies once (its progress update is conditional), and an interrupted posting
 * resumes from the record. If a balance guard fails part way, the chunks already applied are
 * reversed; guarded decrements go first, so a reversal only ever adds stock back.
 */
export async function commitPosting(
  deps: Deps,
  tenant: string,
  header: DocumentHeader,
  moves: PlannedMove[],
  changes: BalanceChange[],
  hooks: CommitHooks<StockDocument>,
  options: PostingOptions = {},
): Promise<StockDocument> {
  const repo = stockRepo(deps, tenant);
  const completionItems = options.completionItems ?? COMPLETION_ITEMS;
  const seqOf = new Map(moves.map((m, i) => [m, i + 1]));
  const plan: PostingPlanStep[] = postingOrder(changes).map((c) => ({
    ref: c.ref,
    delta: c.delta,
    guardNonNegative: c.guardNonNegative,
    ...(c.expected !== undefined ? { expected: c.expected } : {}),
    seqs: c.moves.map((m) => seqOf.get(m)!),
  }));
  const posted: StockDocument = { ...header, status: 'posted', moves: documentMoves(moves) };
  const groups = planGroups(repo, header, moves, plan, false);

  const total = 1 + groups.reduce((n, g) => n + g.length, 0) + completionItems;
  if (total <= MAX_TRANSACTION_ITEMS) {
    await transactWrite(
      deps.db,
      [
        repo.documentPut(header, moves, 'posted'),
        ...groups.flat(),
        ...(hooks.onComplete?.(posted) ?? []),
      ],
      combineStockErrors,
    );
    return posted;
  }

  const chunkSize = chunkSizeFor(completionItems);
  const chunks = packChunks(groups, chunkSize);
  // A large document's lines and plan go into pages first; its head (and with it the
  // document) appears with the first transaction.
  const { head, pages } = repo.documentWrites(header, moves, 'posting', {
    chunkCount: chunks.length,
    plan,
    chunkSize,
    ...(options.context !== undefined ? { context: options.context } : {}),
  });
  await repo.putPages(pages);
  await transactWrite(deps.db, [head, ...(hooks.onStart?.(header.no) ?? [])]);
  await applyChunks(repo, deps, header, moves, plan, 0, chunkSize, hooks, options.onChunk);
  return posted;
}

/** Continues a posting an earlier attempt started, from the chunk it reached. */
export async function resumePosting(
  deps: Deps,
  tenant: string,
  no: string,
  hooks: CommitHooks<StockDocument>,
  options: Pick<PostingOptions, 'onChunk'> = {},
): Promise<StockDocument> {
  const repo = stockRepo(deps, tenant);
  const record = await repo.getPostingRecord(no);
  if (!record) throw new AppError('stock.postingFailed', `找不到需要继续过账的单据：${no}`, { no });
  const { document, plan, chunksDone } = record;
  if (document.status === 'failed') {
    throw new AppError('stock.postingFailed', `单据 ${no} 过账失败，已撤销`, { no });
  }
  if (document.status === 'posting') {
    const moves: PlannedMove[] = document.moves;
    const chunkSize = record.chunkSize ?? chunkSizeFor(COMPLETION_ITEMS);
    await applyChunks(
      repo,
      deps,
      document,
      moves,
      plan,
      chunksDone,
      chunkSize,
      hooks,
      options.onChunk,
    );
  }
  return { ...document, status: 'posted' };
}

async function applyChunks(
  repo: Repo,
  deps: Deps,
  header: DocumentHeader,
  moves: PlannedMove[],
  plan: PostingPlanStep[],
  from: number,
  chunkSize: number,
  hooks: CommitHooks<StockDocument>,
  onChunk?: PostingOptions['onChunk'],
): Promise<void> {
  const chunks = packChunks(planGroups(repo, header, moves, plan, false), chunkSize);
  const posted: StockDocument = { ...header, status: 'posted', moves: documentMoves(moves) };
  for (let i = from; i < chunks.length; i++) {
    const last = i === chunks.length - 1;
    try {
      await transactWrite(
        deps.db,
        [
          ...chunks[i]!,
          repo.documentProgress(header.no, i, last ? 'posted' : undefined),
          ...(last ? (hooks.onComplete?.(posted) ?? []) : []),
        ],
        combineStockErrors,
      );
    } catch (err) {
      if (err instanceof AppError && err.code === 'stock.insufficient') {
        await reverseChunks(repo, deps, header, moves, plan, i, chunkSize);
      }
      throw err;
    }
    await onChunk?.(i + 1, chunks.length);
  }
}

/** Undo chunks [0, applied): the same groups with negated deltas and reversal moves. */
async function reverseChunks(
  repo: Repo,
  deps: Deps,
  header: DocumentHeader,
  moves: PlannedMove[],
  plan: PostingPlanStep[],
  applied: number,
  chunkSize: number,
): Promise<void> {
  const reversals = packChunks(planGroups(repo, header, moves, plan, true), chunkSize).slice(
    0,
    applied,
  );
  for (const chunk of reversals) await transactWrite(deps.db, chunk);
  await transactWrite(deps.db, [repo.documentStatus(header.no, 'failed')]);
}

/** One group per balance: its update and the ledger moves that make it up. */
function planGroups(
  repo: Repo,
  header: DocumentHeader,
  moves: PlannedMove[],
  plan: PostingPlanStep[],
  reversal: boolean,
): TxItem[][] {
  return plan.map((step) => {
    const change: BalanceChange = {
      ref: step.ref,
      delta: step.delta,
      moves: [],
      guardNonNegative: step.guardNonNegative,
      ...(step.expected !== undefined ? { expected: step.expected } : {}),
    };
    const update = reversal
      ? repo.balanceReversal(change, header.postedAt)
      : repo.balanceUpdate(change, header.postedAt);
    return [
      update,
      ...step.seqs.map((seq) => repo.movePut({ ...moves[seq - 1]!, seq }, header, reversal)),
    ];
  });
}

/** Packs groups into transactions; a group is never split, so a balance and its moves stay together. */
function packChunks(groups: TxItem[][], chunkSize: number): TxItem[][] {
  const chunks: TxItem[][] = [];
  let current: TxItem[] = [];
  for (const group of groups) {
    if (group.length > chunkSize) {
      throw new AppError(
        'request.invalid',
        `同一库存在一张单据中出现超过 ${chunkSize - 1} 次，请拆分单据`,
      );
    }
    if (current.length + group.length > chunkSize) {
      chunks.push(current);
      current = [];
    }
    current.push(...group);
  }
  if (current.length) chunks.push(current);
  return chunks;
}

function documentMoves(moves: PlannedMove[]): StockDocument['moves'] {
  return moves.map(
    ({ item, warehouse, status, lot, trackingNo, qty, lineNo, unitCost, taskOrder }) => ({
      item,
      warehouse,
      status,
      lot,
      trackingNo,
      qty,
      lineNo,
      ...(unitCost ? { unitCost } : {}),
      ...(taskOrder ? { taskOrder } : {}),
    }),
  );
}

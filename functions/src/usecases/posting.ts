import { AppError, type StockDocument } from '@factory/shared';
import type { Deps } from '../deps.js';
import {
  type BalanceChange,
  type PlannedMove,
  type References,
  balanceChanges,
  postingOrder,
} from '../domain/inventory/index.js';
import {
  combineStockErrors,
  stockRepo,
  type DocumentHeader,
  type PostingFailure,
  type PostingPlanStep,
  type PostingRecord,
} from '../store/stockRepo.js';
import { MAX_TRANSACTION_ITEMS, type TxItem } from '../store/transact.js';
import type { CommitHooks } from './hooks.js';
import { loadReferences } from './references.js';
import { countMetric, METRIC } from '../telemetry/metrics.js';

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
 * reversed, each reversal chunk with its own conditional progress, so that a reversal
 * interrupted by a crash is finished by the retry; guarded decrements go first, so a reversal
 * only ever adds stock back. Every transaction of a chunked posting is sent again on a
 * transaction conflict (its conditions make a repeat harmless); a one-transaction posting
 * leaves the conflict to its caller, which runs the use case again from fresh reads.
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
    await deps.unitOfWork.commit(
      [
        repo.documentPut(header, moves, 'posted'),
        ...groups.flat(),
        ...(hooks.onComplete?.(posted) ?? []),
      ],
      { combine: combineStockErrors },
    );
    countPosted(header);
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
  const first = [head, ...(hooks.onStart?.(header.no) ?? [])];
  await deps.unitOfWork.commit(first, { retryConflicts: true });
  await applyChunks(repo, deps, header, moves, plan, 0, chunkSize, hooks, options.onChunk);
  countPosted(header);
  return posted;
}

/**
 * Several small documents as writes for one transaction of the caller's (a quality result's
 * status change, or a disposition's return and scrap out of the same rejected balance): each
 * document and its moves, and one update per balance netted over all of them (DynamoDB takes
 * one operation per item in a transaction). The caller commits them with its own writes,
 * combining stock refusals with `combineStockErrors`.
 */
export function documentsItems(
  deps: Deps,
  tenant: string,
  docs: readonly { header: DocumentHeader; moves: PlannedMove[] }[],
  changes: readonly BalanceChange[],
): TxItem[] {
  const repo = stockRepo(deps, tenant);
  const at = docs[0]?.header.postedAt ?? deps.clock.now().toISOString();
  return [
    ...postingOrder([...changes]).map((c) => repo.balanceUpdate(c, at)),
    ...docs.flatMap(({ header, moves }) => [
      repo.documentPut(header, moves, 'posted'),
      ...moves.map((m, i) => repo.movePut({ ...m, seq: i + 1 }, header)),
    ]),
  ];
}

/**
 * `documentsItems` for documents whose balances are netted here, with the warehouses' facts
 * (which decrements are guarded) loaded unless the caller has them.
 */
export async function documentsWrites(
  deps: Deps,
  tenant: string,
  docs: readonly { header: DocumentHeader; moves: PlannedMove[] }[],
  refs?: References,
): Promise<TxItem[]> {
  const moves = docs.flatMap((d) => d.moves);
  const r =
    refs ??
    (await loadReferences(
      deps,
      tenant,
      moves.map((m) => m.item),
      moves.map((m) => m.warehouse),
    ));
  return documentsItems(deps, tenant, docs, balanceChanges(moves, r));
}

/** Counts documents posted through `documentsItems` once their transaction committed. */
export function countDocumentsPosted(docs: readonly { header: DocumentHeader }[]): void {
  for (const d of docs) countPosted(d.header);
}

/** One stock document more in the ledger (the metric of postings, by kind). */
function countPosted(document: { kind: string }): void {
  countMetric(METRIC.stockDocumentsPosted, { kind: document.kind });
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
  const moves: PlannedMove[] = document.moves;
  const chunkSize = record.chunkSize ?? chunkSizeFor(COMPLETION_ITEMS);
  if (document.status === 'failed') throw failureOf(record);
  if (record.reversal) {
    // Refused part way and interrupted while being taken back: finish taking it back.
    const { applied, undone } = record.reversal;
    await reverseChunks(repo, deps, document, moves, plan, applied, undone, chunkSize);
    throw failureOf(record);
  }
  if (document.status === 'posting') {
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
    countPosted(document);
  }
  return { ...document, status: 'posted' };
}

/** The refusal a failed posting answers with, the same for every retry. */
function failureOf(record: PostingRecord): AppError {
  const no = record.document.no;
  if (!record.failure)
    return new AppError('stock.postingFailed', `单据 ${no} 过账失败，已撤销`, { no });
  const { code, message, details } = record.failure;
  return new AppError(code, message, details);
}

/**
 * A refusal of a balance's condition (a shortage, or a counted balance that moved): the
 * posting cannot go on and is taken back. Other refusals (an order's version in the last
 * chunk, the progress moved by another attempt) leave it to be resumed.
 */
const isBalanceRefusal = (err: unknown): err is AppError =>
  err instanceof AppError &&
  (err.code === 'stock.insufficient' ||
    (err.code === 'resource.versionConflict' && err.details?.expected !== undefined));

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
    const items = [
      ...chunks[i]!,
      repo.documentProgress(header.no, i, last ? 'posted' : undefined),
      ...(last ? (hooks.onComplete?.(posted) ?? []) : []),
    ];
    try {
      await deps.unitOfWork.commit(items, { combine: combineStockErrors, retryConflicts: true });
    } catch (err) {
      if (isBalanceRefusal(err)) {
        // Chunks [0, i) stand: record that they are being taken back, and why, before
        // taking them back, so that a crash in between is finished by the retry.
        const failure: PostingFailure = {
          code: err.code,
          message: err.message,
          ...(err.details ? { details: err.details } : {}),
        };
        await deps.unitOfWork.commit([repo.documentReversing(header.no, i, failure)], {
          retryConflicts: true,
        });
        await reverseChunks(repo, deps, header, moves, plan, i, 0, chunkSize);
      }
      throw err;
    }
    await onChunk?.(i + 1, chunks.length);
  }
}

/**
 * Takes back chunks [from, applied) of a refused posting: the same groups with negated deltas
 * and reversal moves, each chunk with the progress of the reversal (the last one marks the
 * document failed), so each is taken back exactly once however often this is resumed.
 */
async function reverseChunks(
  repo: Repo,
  deps: Deps,
  header: DocumentHeader,
  moves: PlannedMove[],
  plan: PostingPlanStep[],
  applied: number,
  from: number,
  chunkSize: number,
): Promise<void> {
  const reversals = packChunks(planGroups(repo, header, moves, plan, true), chunkSize);
  for (let k = from; k < applied; k++) {
    const items = [...reversals[k]!, repo.documentUndone(header.no, k, k === applied - 1)];
    await deps.unitOfWork.commit(items, { retryConflicts: true });
  }
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

export function documentMoves(moves: PlannedMove[]): StockDocument['moves'] {
  return moves.map(
    ({ item, warehouse, status, lot, trackingNo, qty, lineNo, unitCost, value, taskOrder }) => ({
      item,
      warehouse,
      status,
      lot,
      trackingNo,
      qty,
      lineNo,
      ...(unitCost ? { unitCost } : {}),
      ...(value ? { value } : {}),
      ...(taskOrder ? { taskOrder } : {}),
    }),
  );
}

import { GetCommand, NumberValue, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  AppError,
  type Balance,
  type ErrorCode,
  type Move,
  type Page,
  type StockDocument,
  type StockStatus,
  negQty,
  qty,
  zBalance,
  zMove,
  zStockDocument,
} from '@factory/shared';
import type { Deps } from '../deps.js';
import {
  balanceId,
  type BalanceChange,
  type BalanceRef,
  type PlannedMove,
} from '../domain/inventory/index.js';
import { batchGetKeys } from './batchGet.js';
import { batchPut } from './batchWrite.js';
import { Expr } from './expressions.js';
import { pages, plainSize, textPieces } from './itemSize.js';
import { keys } from './keys.js';
import { queryPage } from './query.js';
import { declareRecord, isStored, type StoredItem, storedList, texts } from './records.js';
import type { TxItem } from './transact.js';
import { marking } from './mrpMarks.js';

/** Up to this many bytes of lines, plan and context stay on the document's head. */
const INLINE_BYTES = 100 * 1024;

export type Shortage = BalanceRef & { available: string; requested: string };

export type DocumentHeader = Omit<StockDocument, 'moves' | 'status'>;

/** One balance change of a multi-transaction posting, kept on its posting record. */
export type PostingPlanStep = {
  ref: BalanceRef;
  delta: string;
  guardNonNegative: boolean;
  expected?: string;
  /** Which of the document's moves (1-based) make up this change. */
  seqs: number[];
};

/** What a multi-transaction posting keeps on its document until it is posted. */
export type PostingProgress = {
  chunkCount: number;
  plan: PostingPlanStep[];
  /** Items per chunk, so that a resumed posting packs the same chunks. */
  chunkSize: number;
  /** What the caller needs to finish the posting on resume (a pick's order allocations). */
  context?: unknown;
};

/** The refusal that stopped a posting, kept so that a retry answers the same. */
export type PostingFailure = {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
};

export type PostingRecord = {
  document: StockDocument;
  plan: PostingPlanStep[];
  chunksDone: number;
  /** Absent on records written before chunk sizes were kept: the default size. */
  chunkSize?: number;
  context?: unknown;
  /**
   * A posting refused part way is being taken back: chunks [0, applied) were applied, the
   * first `undone` of them are reversed. Status stays `posting` until the last is, then
   * `failed`.
   */
  reversal?: { applied: number; undone: number };
  /** Why the posting failed (absent on records failed before it was kept). */
  failure?: PostingFailure;
};

/**
 * A balance: one per item, warehouse, status, lot and tracking number (`BAL#<item>`), also
 * indexed by warehouse. Written only by adding to its quantity (`balanceUpdate`), which
 * creates it; read back with the quantity as canonical decimal text.
 */
export const balanceRecord = /* @__PURE__ */ declareRecord<Balance, BalanceRef>({
  type: 'balance',
  key: (tenant, ref) => keys.balance(tenant, ref),
  attributes: (b) => ({ ...b, qty: NumberValue.from(b.qty) }),
  parse: (raw) =>
    zBalance.parse({ ...refOf(raw), qty: qtyText(raw.qty), updatedAt: raw.updatedAt }),
});

/** A ledger move as written: the move, and its number among its document's moves. */
type NumberedMove = Move & { seq: number };

/**
 * A ledger move (`MOVE#<item>`, by posting time, document and number; a reversal's sorts
 * after): written once, its quantity a DynamoDB number (signed).
 */
export const moveRecord = /* @__PURE__ */ declareRecord<NumberedMove, NumberedMove, Move>({
  type: 'move',
  key: (tenant, m) => keys.move(tenant, m.item, m.postedAt, m.docNo, m.seq, m.reversal === true),
  // Optional fields are on a move only when set (movePut); the quantity is a DynamoDB number.
  attributes: ({ seq: _s, ...m }) => ({ ...m, qty: NumberValue.from(m.qty) }),
  // What the store adds (keys, type) is not the contract's: the parser drops it.
  parse: (raw) =>
    zMove.parse({ ...raw, ...refOf(raw), qty: qtyText(raw.qty), lineNo: Number(raw.lineNo) }),
});

/**
 * A stock document's head as written: the header, its status and line count, and where its
 * lines, posting plan and context are (inline, or how many pages of each) with a posting's
 * progress (`stored`).
 */
export type DocumentHead = DocumentHeader & {
  status: StockDocument['status'];
  lineCount: number;
  stored: Record<string, unknown>;
};

/**
 * A stock document (`SDOC#<no>`, sk '#'), indexed by kind and posting time. A large one keeps
 * its lines, plan and context in pages of its partition (`M#n`, `P#n`, `C#n`, see
 * `documentWrites`); it is parsed once its pages are read back into it (`withPages`).
 */
export const stockDocumentRecord = /* @__PURE__ */ declareRecord<
  DocumentHead,
  string,
  StockDocument
>({
  type: 'stockDocument',
  key: (tenant, no) => keys.stockDocument(tenant, no),
  keys: (tenant, d) => ({
    ...keys.stockDocument(tenant, d.no),
    ...keys.stockDocumentIndex(tenant, d.kind, d.postedAt, d.no),
  }),
  attributes: ({ stored, ...head }) => ({ ...head, ...stored }),
  parse: (raw) =>
    zStockDocument.parse({
      no: raw.no,
      kind: raw.kind,
      date: raw.date,
      status: raw.status,
      moves: storedList(raw.moves).map((m) => ({
        ...refOf(m),
        qty: str(m.qty),
        lineNo: Number(m.lineNo),
        ...(isStored(m.unitCost) ? { unitCost: moneyOf(m.unitCost) } : {}),
        ...(isStored(m.value) ? { value: moneyOf(m.value) } : {}),
        ...(m.taskOrder ? { taskOrder: str(m.taskOrder) } : {}),
        ...(m.substituteFor ? { substituteFor: str(m.substituteFor) } : {}),
      })),
      postedAt: raw.postedAt,
      postedBy: raw.postedBy,
      ...texts(raw, ['reason', 'partner', 'ref', 'note']),
    }),
});

/** Repository of balances, ledger moves and stock documents; builds requests as data. */
export function stockRepo(deps: Pick<Deps, 'db' | 'tableName'>, tenant: string) {
  const TableName = deps.tableName;

  function balanceUpdate(change: BalanceChange, now: string): TxItem {
    const e = new Expr();
    const k = keys.balance(tenant, change.ref);
    const update = e.update({
      set: {
        type: balanceRecord.type,
        ...change.ref,
        gsi1pk: k.gsi1pk,
        gsi1sk: k.gsi1sk,
        updatedAt: now,
      },
      add: { qty: NumberValue.from(change.delta) },
    });
    let condition: string | undefined;
    if (change.expected !== undefined) {
      const exp = e.value(NumberValue.from(change.expected));
      condition = qty(change.expected).isZero()
        ? `attribute_not_exists(${e.name('qty')}) OR ${e.name('qty')} = ${exp}`
        : `${e.name('qty')} = ${exp}`;
    } else if (change.guardNonNegative) {
      condition = `${e.name('qty')} >= ${e.value(NumberValue.from(negQty(change.delta)))}`;
    }
    const requested = negQty(change.delta);
    return {
      Update: { TableName, Key: { pk: k.pk, sk: k.sk }, ...e.forUpdate(update, condition) },
      onConditionFailed:
        change.expected !== undefined
          ? () =>
              new AppError('resource.versionConflict', '盘点期间库存发生了变动，请重新盘点', {
                ...change.ref,
                expected: change.expected,
              })
          : (old) =>
              insufficient([
                { ...change.ref, available: old?.qty ? String(old.qty) : '0', requested },
              ]),
    };
  }

  /** Takes back a change already applied by a posting that failed later on. */
  function balanceReversal(change: BalanceChange, now: string): TxItem {
    const e = new Expr();
    const k = keys.balance(tenant, change.ref);
    const update = e.update({
      set: { updatedAt: now },
      add: { qty: NumberValue.from(negQty(change.delta)) },
    });
    return { Update: { TableName, Key: { pk: k.pk, sk: k.sk }, ...e.forUpdate(update) } };
  }

  function movePut(
    move: PlannedMove & { seq: number },
    doc: DocumentHeader,
    reversal = false,
  ): TxItem {
    const put = moveRecord.putNew(deps, tenant, {
      item: move.item,
      warehouse: move.warehouse,
      status: move.status,
      lot: move.lot,
      trackingNo: move.trackingNo,
      qty: reversal ? negQty(move.qty) : move.qty,
      docNo: doc.no,
      docKind: doc.kind,
      lineNo: move.lineNo,
      date: doc.date,
      postedAt: doc.postedAt,
      // Customer stock's moves keep whose it is and why it moved (the per-customer report).
      ...(move.customer
        ? { customer: move.customer, ...(doc.reason ? { reason: doc.reason } : {}) }
        : {}),
      ...(move.taskOrder ? { taskOrder: move.taskOrder } : {}),
      ...(move.substituteFor ? { substituteFor: move.substituteFor } : {}),
      ...(reversal ? { reversal: true } : {}),
      seq: move.seq,
    });
    // Stock on hand changes: planning marks the item.
    return { ...put, ...marking(tenant, [move.item]) };
  }

  /**
   * The writes of a document: its head (`#`) and, when its lines, posting plan and context
   * together are larger than `INLINE_BYTES`, line pages (`M#nnnnn`), plan pages (`P#nnnnn`)
   * and context pieces (`C#nnnnn`) of at most `PAGE_BYTES` each, so that a document of any
   * size fits the table. The pages go first (`putPages`: nobody reads them before the head
   * exists); the head rides in the posting's first transaction.
   */
  function documentWrites(
    doc: DocumentHeader,
    moves: PlannedMove[],
    status: StockDocument['status'],
    progress?: PostingProgress,
  ): { head: TxItem; pages: Record<string, unknown>[] } {
    const lines = storedMoves(moves);
    const contextText =
      progress?.context !== undefined ? JSON.stringify(progress.context) : undefined;
    const inline =
      plainSize(lines) + plainSize(progress?.plan ?? []) + Buffer.byteLength(contextText ?? '') <=
      INLINE_BYTES;
    const pageItems: Record<string, unknown>[] = [];
    const addPages = (prefix: string, parts: unknown[][] | string[], attr: string) =>
      parts.forEach((part, n) =>
        pageItems.push({
          ...keys.stockDocumentPage(tenant, doc.no, prefix, n),
          type: 'stockDocumentPage',
          [attr]: part,
        }),
      );
    if (!inline) {
      addPages('M', pages(lines), 'moves');
      if (progress) addPages('P', pages(progress.plan), 'plan');
      if (contextText !== undefined) addPages('C', textPieces(contextText), 'text');
    }
    const sections = inline
      ? {
          moves: lines,
          ...(progress ? { plan: progress.plan } : {}),
          ...(progress?.context !== undefined ? { context: progress.context } : {}),
        }
      : {
          movePages: pageItems.filter((p) => String(p.sk).startsWith('M#')).length,
          ...(progress
            ? { planPages: pageItems.filter((p) => String(p.sk).startsWith('P#')).length }
            : {}),
          ...(contextText !== undefined
            ? { contextPages: pageItems.filter((p) => String(p.sk).startsWith('C#')).length }
            : {}),
        };
    const head = stockDocumentRecord.putNew(deps, tenant, {
      ...doc,
      status,
      lineCount: moves.length,
      stored: {
        ...sections,
        ...(progress
          ? { chunkCount: progress.chunkCount, chunksDone: 0, chunkSize: progress.chunkSize }
          : {}),
      },
    });
    return { head, pages: pageItems };
  }

  /** A document small enough to be one item (a posting of one transaction). */
  function documentPut(
    doc: DocumentHeader,
    moves: PlannedMove[],
    status: StockDocument['status'],
  ): TxItem {
    const { head, pages: extra } = documentWrites(doc, moves, status);
    if (extra.length) throw new Error(`document ${doc.no} needs pages; use documentWrites`);
    return head;
  }

  /** Writes the pages of a document (before its head), 25 at a time, unprocessed ones again. */
  async function putPages(items: Record<string, unknown>[]): Promise<void> {
    await batchPut(deps, items);
  }

  /** Advances a multi-transaction posting by one chunk; the condition makes each chunk apply once. */
  function documentProgress(no: string, done: number, status?: StockDocument['status']): TxItem {
    const e = new Expr();
    const update = e.update({ set: { chunksDone: done + 1, ...(status ? { status } : {}) } });
    const condition = `${e.name('chunksDone')} = ${e.value(done)}`;
    return {
      Update: { TableName, Key: keys.stockDocument(tenant, no), ...e.forUpdate(update, condition) },
      onConditionFailed: () =>
        new AppError('stock.postingFailed', `单据 ${no} 的过账进度已变化（可能已由重试完成）`, {
          no,
          chunk: done,
        }),
    };
  }

  /**
   * Starts taking back a posting refused at chunk `applied` (the chunks before it stand);
   * conditional, so that it starts once, from the progress the refusal saw.
   */
  function documentReversing(no: string, applied: number, failure: PostingFailure): TxItem {
    const e = new Expr();
    const update = e.update({
      set:
        applied === 0
          ? { status: 'failed', failure: JSON.stringify(failure) }
          : { reverseApplied: applied, undone: 0, failure: JSON.stringify(failure) },
    });
    const condition =
      `${e.name('status')} = ${e.value('posting')} AND ${e.name('chunksDone')} = ${e.value(applied)}` +
      ` AND attribute_not_exists(${e.name('undone')})`;
    return {
      Update: { TableName, Key: keys.stockDocument(tenant, no), ...e.forUpdate(update, condition) },
      onConditionFailed: () =>
        new AppError('stock.postingFailed', `单据 ${no} 的过账进度已变化（可能已由重试处理）`, {
          no,
          chunk: applied,
        }),
    };
  }

  /** Records chunk `k` of a reversal as undone (the last one fails the document); once each. */
  function documentUndone(no: string, k: number, last: boolean): TxItem {
    const e = new Expr();
    const update = e.update({ set: { undone: k + 1, ...(last ? { status: 'failed' } : {}) } });
    const condition = `${e.name('undone')} = ${e.value(k)}`;
    return {
      Update: { TableName, Key: keys.stockDocument(tenant, no), ...e.forUpdate(update, condition) },
      onConditionFailed: () =>
        new AppError('stock.postingFailed', `单据 ${no} 的撤销进度已变化（可能已由重试处理）`, {
          no,
          chunk: k,
        }),
    };
  }

  async function getDocument(no: string): Promise<StockDocument | undefined> {
    const res = await deps.db.send(
      new GetCommand({ TableName, Key: stockDocumentRecord.key(tenant, no) }),
    );
    return res.Item ? stockDocumentRecord.read(await withPages(res.Item, false)) : undefined;
  }

  async function getPostingRecord(no: string): Promise<PostingRecord | undefined> {
    const res = await deps.db.send(
      new GetCommand({ TableName, Key: keys.stockDocument(tenant, no), ConsistentRead: true }),
    );
    if (!res.Item || (res.Item.plan === undefined && res.Item.planPages === undefined))
      return undefined;
    const item = await withPages(res.Item, true);
    return {
      document: stockDocumentRecord.read(item),
      plan: item.plan as PostingPlanStep[],
      chunksDone: Number(item.chunksDone),
      ...(item.chunkSize !== undefined ? { chunkSize: Number(item.chunkSize) } : {}),
      ...(item.context !== undefined ? { context: item.context as unknown } : {}),
      ...(item.undone !== undefined
        ? {
            reversal: {
              applied: Number(item.reverseApplied),
              undone: Number(item.undone),
            },
          }
        : {}),
      ...(item.failure !== undefined
        ? { failure: JSON.parse(String(item.failure)) as PostingFailure }
        : {}),
    };
  }

  /** A paged document's head with its lines, plan and context read back from the pages. */
  async function withPages(
    head: Record<string, unknown>,
    consistent: boolean,
  ): Promise<Record<string, unknown>> {
    if (head.movePages === undefined) return head;
    const e = new Expr();
    const key = keys.stockDocument(tenant, String(head.no));
    const rows: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const res = await deps.db.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: `${e.name('pk')} = ${e.value(key.pk)} AND ${e.name('sk')} > ${e.value(key.sk)}`,
          ...e.build(),
          ConsistentRead: consistent,
          ExclusiveStartKey: start,
        }),
      );
      rows.push(...(res.Items ?? []));
      start = res.LastEvaluatedKey;
    } while (start);
    const section = (prefix: string, count: unknown) => {
      const found = rows.filter((r) => String(r.sk).startsWith(`${prefix}#`));
      if (found.length !== Number(count ?? 0))
        throw new Error(
          `stock document ${String(head.no)}: ${found.length} of ${String(count)} ${prefix} pages`,
        );
      return found; // sorted by sk: page order
    };
    const out: Record<string, unknown> = {
      ...head,
      moves: section('M', head.movePages).flatMap((p) => p.moves as unknown[]),
    };
    if (head.planPages !== undefined)
      out.plan = section('P', head.planPages).flatMap((p) => p.plan as unknown[]);
    if (head.contextPages !== undefined)
      out.context = JSON.parse(
        section('C', head.contextPages)
          .map((p) => String(p.text))
          .join(''),
      );
    return out;
  }

  async function getBalances(refs: BalanceRef[]): Promise<Map<string, string>> {
    const unique = new Map(refs.map((r) => [balanceId(r), r]));
    const found = await batchGetKeys(
      deps,
      [...unique.values()].map((r) => balanceRecord.key(tenant, r)),
    );
    return new Map(
      found.map((item) => {
        const b = balanceRecord.read(item);
        return [balanceId(b), b.qty];
      }),
    );
  }

  function queryBalances(q: {
    item?: string;
    warehouse?: string;
    status?: StockStatus;
    includeZero: boolean;
    limit: number;
    cursor?: string;
  }): Promise<Page<Balance>> {
    const byItem = q.item !== undefined;
    return queryPage(
      deps,
      {
        ...(byItem ? {} : { indexName: 'gsi1' }),
        partition: byItem
          ? { attr: 'pk', value: keys.balancePartition(tenant, q.item!) }
          : { attr: 'gsi1pk', value: keys.balanceByWarehousePartition(tenant, q.warehouse!) },
        build: (e) => {
          const filters: string[] = [];
          if (q.status) filters.push(`${e.name('status')} = ${e.value(q.status)}`);
          if (!q.includeZero) filters.push(`${e.name('qty')} <> ${e.value(0)}`);
          return {
            ...(byItem && q.warehouse !== undefined
              ? { sortKey: `begins_with(${e.name('sk')}, ${e.value(`${q.warehouse}#`)})` }
              : {}),
            ...(filters.length ? { filter: filters.join(' AND ') } : {}),
          };
        },
      },
      q,
      balanceRecord.read,
    );
  }

  /**
   * The posted documents of one kind posted at or after `fromIso`, oldest first, with their
   * lines (costing reads a period's ledger from them; a document is posted on or after its date).
   */
  async function documentsPostedSince(
    kind: StockDocument['kind'],
    fromIso: string,
  ): Promise<StockDocument[]> {
    const docs: StockDocument[] = [];
    let cursor: string | undefined;
    do {
      const page = await queryPage(
        deps,
        {
          indexName: 'gsi1',
          partition: {
            attr: 'gsi1pk',
            value: keys.stockDocumentIndex(tenant, kind, '', '').gsi1pk,
          },
          build: (e) => ({ sortKey: `${e.name('gsi1sk')} >= ${e.value(fromIso)}` }),
        },
        { limit: 500, ...(cursor ? { cursor } : {}) },
        (raw) => raw,
      );
      for (const raw of page.items) {
        if (raw.type !== stockDocumentRecord.type || raw.status !== 'posted') continue;
        docs.push(stockDocumentRecord.read(await withPages(raw, false)));
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return docs;
  }

  function queryMoves(q: { item: string; limit: number; cursor?: string }): Promise<Page<Move>> {
    return queryPage(
      deps,
      { partition: { attr: 'pk', value: keys.movePartition(tenant, q.item) } },
      q,
      moveRecord.read,
    );
  }

  return {
    documentsPostedSince,
    balanceUpdate,
    balanceReversal,
    movePut,
    documentWrites,
    documentPut,
    putPages,
    documentProgress,
    documentReversing,
    documentUndone,
    getDocument,
    getPostingRecord,
    getBalances,
    queryBalances,
    queryMoves,
  };
}

export type StockRepo = ReturnType<typeof stockRepo>;

export function insufficient(shortages: Shortage[]): AppError {
  const first = shortages[0]!;
  return new AppError(
    'stock.insufficient',
    shortages
      .map(
        (s) =>
          `库存不足：物料 ${s.item} 在仓库 ${s.warehouse} 可用 ${s.available}，需要 ${s.requested}`,
      )
      .join('；'),
    {
      item: first.item,
      warehouse: first.warehouse,
      available: first.available,
      requested: first.requested,
      shortages,
    },
  );
}

/** Several failed balance guards in one posting become one error listing every shortage. */
export function combineStockErrors(errors: AppError[]): AppError {
  const shortages = errors
    .filter((e) => e.code === 'stock.insufficient')
    .flatMap((e) => (e.details?.shortages as Shortage[] | undefined) ?? []);
  return shortages.length ? insufficient(shortages) : errors[0]!;
}

/** Lines as a document keeps them (a ledger move without what the head already says). */
function storedMoves(moves: PlannedMove[]): Record<string, unknown>[] {
  return moves.map(
    ({
      item,
      warehouse,
      status,
      lot,
      trackingNo,
      customer,
      qty: q,
      lineNo,
      unitCost,
      value,
      taskOrder,
      substituteFor,
    }) => ({
      item,
      warehouse,
      status,
      lot,
      trackingNo,
      ...(customer ? { customer } : {}),
      qty: q,
      lineNo,
      ...(unitCost ? { unitCost } : {}),
      ...(value ? { value } : {}),
      ...(taskOrder ? { taskOrder } : {}),
      ...(substituteFor ? { substituteFor } : {}),
    }),
  );
}

function str(v: unknown): string {
  return v === undefined || v === null ? '' : String(v);
}

/** A balance's identity as stored (absent parts are empty). */
function refOf(item: Record<string, unknown>) {
  return {
    item: str(item.item),
    warehouse: str(item.warehouse),
    status: str(item.status),
    lot: str(item.lot),
    trackingNo: str(item.trackingNo),
    ...(item.customer ? { customer: String(item.customer) } : {}),
  };
}

function qtyText(v: unknown): string {
  return v === undefined ? '0' : qty(String(v)).toFixed();
}

function moneyOf(m: StoredItem) {
  return { amount: Number(m.amount), scale: Number(m.scale), currency: 'CNY' as const };
}

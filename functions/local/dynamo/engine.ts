// dynalite's own operation layer, called in process. dynalite normally sits behind its own
// HTTP server; going through it cost a socket round trip and two JSON encodings per
// operation, several per posting. Here the front calls dynalite's validations and actions
// directly: the same code that its HTTP handler runs, minus the HTTP.
//
// Crash safety: dynalite writes one item as several LevelDB writes (its index entries, then
// the item), and a transaction is many items. The engine holds back every item write of an
// operation (or of a whole transaction, see `capture`) and writes them as ONE LevelDB batch,
// which LevelDB applies all or nothing, also across a kill -9. Nothing is ever undone.
import { createRequire } from 'node:module';
// Before dynalite's store is loaded: its in-memory store keeps strings (see memoryStore.ts).
import './memoryStore.js';
import { batchWrite, batchWriteFastPathApplies, type Table as BatchTable } from './batchWrite.js';
import { compiledCheckTypes } from './checkTypes.js';

const require = createRequire(import.meta.url);

type Json = Record<string, unknown>;
type Callback = (err: (Error & { statusCode?: number; body?: Json }) | null, data?: Json) => void;
type Table = { TableStatus?: string } & Json;
type LevelCallback = (err?: Error | null) => void;
/** One LevelDB write of a batch (values already JSON text, so later mutation cannot leak in). */
type BatchOp =
  { type: 'put'; key: string; value: string; valueEncoding: 'utf8' } | { type: 'del'; key: string };
type LevelDb = {
  get(key: string): Promise<unknown>;
  put(key: string, value: unknown, cb?: LevelCallback): unknown;
  del(key: string, cb?: LevelCallback): unknown;
  batch(
    ops: (BatchOp | { type: 'put'; key: string; value: unknown })[],
    cb?: LevelCallback,
  ): unknown;
  close(cb: (err?: Error) => void): void;
};
type Store = {
  getTable: (
    name: string,
    checkStatus: boolean | ((e: Error | null, t?: Table) => void),
    cb?: (e: Error | null, t?: Table) => void,
  ) => void;
  lifecycleManager?: { gracefulClose(cb: (err?: Error) => void): void };
  db: LevelDb;
};
type Action = (store: Store, data: Json, cb: Callback) => void;
type Validation = { types: Json; custom?: unknown };

const db = require('dynalite/db') as { create(options: Json): Store };
const validations = require('dynalite/validations') as {
  checkTypes(data: Json, types: Json): Json;
  checkValidations(data: Json, types: Json, custom: unknown, store: Store): void;
};

/** dynalite's type check, compiled (same results and errors, see checkTypes.ts). */
const checkTypes = compiledCheckTypes(validations.checkTypes.bind(validations));

type ParseContext = {
  attrNames?: Record<string, string>;
  attrVals?: Record<string, Json>;
  unusedAttrNames?: Record<string, boolean>;
  unusedAttrVals?: Record<string, boolean>;
  isKeyCondition?: boolean;
};
type Parser = { parse(input: string, options: { context: ParseContext }): unknown };

cacheParses(require('dynalite/db/conditionParser') as Parser);
cacheParses(require('dynalite/db/updateParser') as Parser);

/**
 * dynalite parses every condition and update expression with a PEG parser, about 1 ms of a
 * posting. The app sends the same few expressions with different values, so a parse is kept
 * per expression, attribute names and value types; a hit is the kept tree with this request's
 * values put in its place (a fresh copy, since dynalite mutates update trees). BETWEEN is
 * never kept: its bounds are checked against the values.
 */
function cacheParses(parser: Parser): void {
  const parse = parser.parse.bind(parser);
  const cache = new Map<
    string,
    { tree: unknown; values: Record<string, Json>; names: string[]; vals: string[] }
  >();
  parser.parse = (input, options) => {
    const ctx = options.context;
    if (/between/i.test(input)) return parse(input, options);
    const shape = Object.entries(ctx.attrVals ?? {})
      .map(([k, v]) => `${k}:${Object.keys(v)[0]}`)
      .join(',');
    const key = `${ctx.isKeyCondition ? 'K' : ''}|${input}|${JSON.stringify(ctx.attrNames ?? {})}|${shape}`;
    const hit = cache.get(key);
    if (hit) {
      for (const n of hit.names) delete ctx.unusedAttrNames?.[n];
      for (const v of hit.vals) delete ctx.unusedAttrVals?.[v];
      return substitute(
        hit.tree,
        new Map(Object.entries(hit.values).map(([k, v]) => [v, ctx.attrVals![k]!])),
      );
    }
    const names = new Set(Object.keys(ctx.unusedAttrNames ?? {}));
    const vals = new Set(Object.keys(ctx.unusedAttrVals ?? {}));
    const tree = parse(input, options);
    if (cache.size >= 5000) cache.clear();
    cache.set(key, {
      // The copy keeps this request's value objects themselves: a hit swaps them by identity.
      tree: substitute(tree, new Map(Object.values(ctx.attrVals ?? {}).map((v) => [v, v]))),
      values: { ...(ctx.attrVals ?? {}) },
      names: [...names].filter((n) => !(n in (ctx.unusedAttrNames ?? {}))),
      vals: [...vals].filter((v) => !(v in (ctx.unusedAttrVals ?? {}))),
    });
    return tree;
  };
}

/** A deep copy of a parse tree in which each of the old value objects becomes its new one. */
function substitute(node: unknown, values: Map<unknown, unknown>): unknown {
  if (values.has(node)) return values.get(node);
  if (Array.isArray(node)) return node.map((n) => substitute(n, values));
  if (node !== null && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = substitute(v, values);
    return out;
  }
  return node;
}

const OPERATIONS = [
  'BatchGetItem',
  'BatchWriteItem',
  'CreateTable',
  'DeleteItem',
  'DeleteTable',
  'DescribeTable',
  'DescribeTimeToLive',
  'GetItem',
  'ListTables',
  'PutItem',
  'Query',
  'Scan',
  'TagResource',
  'UntagResource',
  'ListTagsOfResource',
  'UpdateItem',
  'UpdateTable',
] as const;

const SCHEMA_OPS = new Set(['CreateTable', 'DeleteTable', 'UpdateTable']);
/** Operations that write items: each is written as one LevelDB batch. */
const ITEM_WRITE_OPS = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const handlers = new Map<string, { action: Action; validation: Validation }>(
  OPERATIONS.map((op) => [
    op,
    {
      action: require(`dynalite/actions/${lowerFirst(op)}`) as Action,
      validation: require(`dynalite/validations/${lowerFirst(op)}`) as Validation,
    },
  ]),
);

export type EngineResponse = { status: number; body: Json };

/** Item writes held back by `capture`, to be written with `commit` (or dropped). */
export type PendingWrites = { readonly ops: readonly BatchOp[] };

export type Engine = {
  call(op: string, payload: Json): Promise<EngineResponse>;
  /**
   * Runs fn with every item write it causes held back instead of written (dynalite is told
   * they succeeded). The caller must hold the store alone meanwhile (the front's write lock):
   * fn's reads see the store as it was, not its own held-back writes.
   */
  capture<T>(fn: () => Promise<T>): Promise<{ value: T; writes: PendingWrites }>;
  /** Writes held-back writes as one atomic LevelDB batch. */
  commit(writes: PendingWrites): Promise<void>;
  close(): Promise<void>;
};

export type EngineOptions = {
  /** LevelDB folder; in memory when absent. */
  path?: string;
  /**
   * Called before each LevelDB write of items (a batch) with its 1-based number and size.
   * The crash tests kill the process here, between two durable states.
   */
  beforeWrite?: (n: number, size: number) => void;
  /** false: BatchWriteItem through dynalite's own action (tests compare the two). */
  batchWriteFastPath?: boolean;
};

export function createEngine(opts: EngineOptions): Engine {
  const store = db.create({
    ...(opts.path ? { path: opts.path } : {}),
    // Table state changes take no time locally: tests and the app need ACTIVE tables at once.
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  cacheActiveTables(store);
  const tables = store as Store & { forget?: () => void };
  const writes = holdBackWrites(store.db, opts.beforeWrite);
  const fastBatchWrite = opts.batchWriteFastPath ?? true;
  const batchStore = {
    getTable: (name: string, cb: (err: Error | null, table?: BatchTable) => void) =>
      store.getTable(name, false, cb as (e: Error | null, t?: Table) => void),
    get: (key: string) => store.db.get(key) as Promise<Record<string, Json> | undefined>,
    hold: writes.hold,
  };

  function run(op: string, payload: Json): Promise<EngineResponse> {
    const handler = handlers.get(op);
    if (!handler) {
      return Promise.resolve({
        status: 400,
        body: { __type: 'com.amazon.coral.service#UnknownOperationException' },
      });
    }
    let data: Json;
    try {
      data = checkTypes(payload, handler.validation.types);
      validations.checkValidations(
        data,
        handler.validation.types,
        handler.validation.custom,
        store,
      );
    } catch (err) {
      const e = err as { statusCode?: number; body?: Json };
      if (e.statusCode) return Promise.resolve({ status: e.statusCode, body: e.body ?? {} });
      return Promise.reject(err);
    }
    if (op === 'BatchWriteItem' && fastBatchWrite && batchWriteFastPathApplies(data)) {
      return batchWrite(batchStore, data).then(
        (body) => ({ status: 200, body }),
        (err: { statusCode?: number; body?: Json }) => {
          if (err.statusCode) return { status: err.statusCode, body: err.body ?? {} };
          throw err;
        },
      );
    }
    return new Promise((resolve, reject) => {
      handler.action(store, data, (err, result) => {
        if (SCHEMA_OPS.has(op)) tables.forget?.();
        if (err?.statusCode) resolve({ status: err.statusCode, body: err.body ?? {} });
        else if (err) reject(err);
        else resolve({ status: 200, body: result ?? {} });
      });
    });
  }

  return {
    async call(op, payload) {
      // Inside a capture the writes join the caller's batch; alone, an item write is one batch.
      if (!ITEM_WRITE_OPS.has(op) || writes.capturing()) return run(op, payload);
      const { value, writes: held } = await writes.capture(() => run(op, payload));
      // A refused write (condition, validation) wrote nothing; one that failed part way is dropped.
      if (value.status === 200) await writes.commit(held);
      return value;
    },
    capture: (fn) => writes.capture(fn),
    commit: (held) => writes.commit(held),
    close() {
      return new Promise((resolve, reject) => {
        const done = (err?: Error) => (err ? reject(err) : resolve());
        if (store.lifecycleManager) store.lifecycleManager.gracefulClose(done);
        else store.db.close(done);
      });
    },
  };
}

/**
 * dynalite reads (and JSON-decodes) the table description from LevelDB on every single
 * operation. Active descriptions are kept in memory until a table operation runs.
 */
function cacheActiveTables(store: Store & { forget?: () => void }): void {
  const read = store.getTable.bind(store);
  const cache = new Map<string, Table>();
  store.forget = () => cache.clear();
  store.getTable = (name, checkStatus, cb) => {
    const callback = (typeof checkStatus === 'function' ? checkStatus : cb)!;
    const check = typeof checkStatus === 'function' ? false : checkStatus;
    const hit = cache.get(name);
    if (hit) {
      queueMicrotask(() => callback(null, hit));
      return;
    }
    read(name, check, (err, table) => {
      if (!err && table?.TableStatus === 'ACTIVE') cache.set(name, table);
      callback(err, table);
    });
  };
}

// Keys of dynalite's sub-databases are `<name>~<key>`: items live in `item-<table>~`, index
// entries in `index-…~`. Table descriptions (`table~`) change outside of item writes (a
// table becomes ACTIVE on a timer) and are never held back.
const ITEM_PREFIXES = ['item-', 'index-'];
const isItemKey = (key: string) => ITEM_PREFIXES.some((p) => key.startsWith(p));

/**
 * Replaces the LevelDB handle's put/del/batch (dynalite's prefixed sub-databases look them up
 * on every call) so that item writes can be held back and then written as one batch.
 */
function holdBackWrites(level: LevelDb, beforeWrite?: (n: number, size: number) => void) {
  const put = level.put.bind(level);
  const del = level.del.bind(level);
  const batch = level.batch.bind(level);
  let held: BatchOp[] | undefined;
  let written = 0;

  const answer = (cb: LevelCallback | undefined) =>
    cb ? void setImmediate(cb, null) : Promise.resolve();
  const toOp = (type: 'put' | 'del', key: string, value?: unknown): BatchOp =>
    type === 'put'
      ? { type, key, value: JSON.stringify(value), valueEncoding: 'utf8' }
      : { type, key };

  level.put = (key, value, cb) => {
    if (!held || !isItemKey(key)) return put(key, value, cb);
    held.push(toOp('put', key, value));
    return answer(cb);
  };
  level.del = (key, cb) => {
    if (!held || !isItemKey(key)) return del(key, cb);
    held.push(toOp('del', key));
    return answer(cb);
  };
  level.batch = (ops, cb) => {
    if (!held || !ops.every((o) => isItemKey(o.key))) return batch(ops, cb);
    for (const o of ops)
      held.push(o.type === 'put' ? toOp('put', o.key, o.value) : toOp('del', o.key));
    return answer(cb);
  };

  return {
    capturing: () => held !== undefined,
    /** Holds back one operation of the capture under way (the batch write fast path). */
    hold(op: { type: 'put'; key: string; value: string } | { type: 'del'; key: string }): void {
      if (!held) throw new Error('local dynamo: no capture to hold a write in');
      held.push(op.type === 'put' ? { ...op, valueEncoding: 'utf8' } : op);
    },
    async capture<T>(fn: () => Promise<T>): Promise<{ value: T; writes: PendingWrites }> {
      if (held) throw new Error('local dynamo: writes are already being held back');
      const mine: BatchOp[] = [];
      held = mine;
      try {
        const value = await fn();
        return { value, writes: { ops: mine } };
      } finally {
        held = undefined;
      }
    },
    commit(pending: PendingWrites): Promise<void> {
      if (pending.ops.length === 0) return Promise.resolve();
      beforeWrite?.(++written, pending.ops.length);
      return new Promise((resolve, reject) =>
        batch([...pending.ops], (err) => (err ? reject(err) : resolve())),
      );
    },
  };
}

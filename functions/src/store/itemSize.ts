import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { AppError } from '@factory/shared';

/**
 * DynamoDB refuses an item above 400 KB (dynalite locally enforces the same) and a
 * transaction above 4 MB. Every record that grows with the data is split into parts of at
 * most `PAGE_BYTES` (see `pages`); the guard below (`checkWriteSize`, run on every request
 * the document client sends) refuses anything that would still exceed `ITEM_LIMIT_BYTES`
 * with an AppError naming the record, instead of the store's ValidationException.
 */
export const DYNAMO_ITEM_BYTES = 400 * 1024;
/** The guard's ceiling: well under DynamoDB's, so the estimate never has to be exact. */
export const ITEM_LIMIT_BYTES = 350 * 1024;
/** What one page of a split record aims at (lines, plan steps, parts). */
export const PAGE_BYTES = 200 * 1024;
/** DynamoDB: the items of one TransactWriteItems together stay under 4 MB. */
export const TRANSACTION_LIMIT_BYTES = 4_000_000;

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

/**
 * Size of a marshalled attribute value as DynamoDB counts it: UTF-8 bytes of strings and
 * names, about one byte per two digits of a number, 3 bytes plus one per element for lists
 * and maps. Rounded up where DynamoDB's own formula is not published exactly.
 */
export function attributeSize(v: AttributeValue): number {
  if (v.S !== undefined) return utf8(v.S);
  if (v.N !== undefined) return numberSize(v.N);
  if (v.B !== undefined) return v.B.length;
  if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
  if (v.SS !== undefined) return v.SS.reduce((n, s) => n + utf8(s), 0);
  if (v.NS !== undefined) return v.NS.reduce((n, s) => n + numberSize(s), 0);
  if (v.BS !== undefined) return v.BS.reduce((n, b) => n + b.length, 0);
  if (v.L !== undefined) return 3 + v.L.reduce((n, x) => n + 1 + attributeSize(x), 0);
  if (v.M !== undefined) return 3 + Object.keys(v.M).length + itemSize(v.M);
  return 0;
}

function numberSize(text: string): number {
  const digits = text
    .replace(/^-/, '')
    .replace(/[eE].*$/, '')
    .replace('.', '')
    .replace(/^0+/, '');
  return 2 + Math.ceil(Math.max(1, digits.length) / 2);
}

/** Size of a marshalled item: every attribute's name and value. */
export function itemSize(item: Record<string, AttributeValue>): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) size += utf8(name) + attributeSize(value);
  return size;
}

/**
 * An upper bound of `itemSize` that costs next to nothing: 3 bytes for every UTF-16 unit of
 * a name or string (no character takes more in UTF-8), a byte for every character of a
 * number's text. The guard measures exactly only what this bound does not already clear;
 * nearly every write is far below the limits.
 */
export function itemSizeBound(item: Record<string, AttributeValue>): number {
  let size = 0;
  for (const name in item) size += 3 * name.length + attributeBound(item[name]!);
  return size;
}

function attributeBound(v: AttributeValue): number {
  // The same precedence as attributeSize, should a value carry more than one type.
  if (v.S !== undefined) return 3 * v.S.length;
  if (v.N !== undefined) return 3 + v.N.length;
  if (
    v.B !== undefined ||
    v.BOOL !== undefined ||
    v.NULL !== undefined ||
    v.SS !== undefined ||
    v.NS !== undefined ||
    v.BS !== undefined
  )
    // Binary, sets, booleans and nulls: measuring them exactly is no more work than a bound.
    return attributeSize(v);
  if (v.L !== undefined) {
    let size = 3;
    for (const x of v.L) size += 1 + attributeBound(x);
    return size;
  }
  if (v.M !== undefined) {
    let size = 3;
    for (const name in v.M) size += 1 + 3 * name.length + attributeBound(v.M[name]!);
    return size;
  }
  return 0;
}

/**
 * Size of a plain (not yet marshalled) value as the document client would store it; used to
 * cut records into pages before they are written. Errs on the large side.
 */
export function plainSize(v: unknown): number {
  if (v === undefined || v === null) return 1;
  if (typeof v === 'string') return utf8(v);
  if (typeof v === 'number' || typeof v === 'bigint') return numberSize(String(v));
  if (typeof v === 'boolean') return 1;
  if (v instanceof Uint8Array) return v.length;
  if (Array.isArray(v)) return 3 + v.reduce((n: number, x) => n + 1 + plainSize(x), 0);
  if (typeof v === 'object') {
    // NumberValue (exact decimal text) and other wrappers with a text form.
    if ('value' in v && Object.keys(v).length === 1 && typeof v.value === 'string')
      return numberSize(v.value);
    let size = 3;
    for (const [k, x] of Object.entries(v)) if (x !== undefined) size += 1 + utf8(k) + plainSize(x);
    return size;
  }
  return 0;
}

/**
 * Cuts entries into pages of at most `maxBytes` (by `plainSize`), keeping order. An entry
 * larger than a page on its own gets a page to itself (the guard then names it if it is
 * larger than an item may be).
 */
export function pages<T>(entries: readonly T[], maxBytes = PAGE_BYTES): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const entry of entries) {
    const s = plainSize(entry) + 1;
    if (current.length && size + s > maxBytes) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(entry);
    size += s;
  }
  if (current.length) out.push(current);
  return out;
}

/**
 * Text cut into pieces that each stay under `maxBytes` in UTF-8 (counting 3 bytes a UTF-16
 * unit, which no character exceeds), for records kept as text across pages.
 */
export function textPieces(text: string, maxBytes = PAGE_BYTES): string[] {
  const size = Math.floor(maxBytes / 3);
  const out: string[] = [];
  for (let i = 0; i < text.length;) {
    // Never split a surrogate pair: a piece must be valid text on its own.
    let end = Math.min(text.length, i + size);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    out.push(text.slice(i, end));
    i = end;
  }
  return out.length ? out : [''];
}

/**
 * Refuses early a document a user entered that would not fit one item (an ECN over many
 * BOMs, a task order with thousands of component needs): 422 document.tooManyLines saying
 * what to do, before any of its writes is sent.
 */
export function refuseOversized(record: Record<string, unknown>, what: string, hint: string): void {
  const bytes = plainSize(record);
  if (bytes <= ITEM_LIMIT_BYTES) return;
  throw new AppError(
    'document.tooManyLines',
    `${what}内容过多（约 ${kb(bytes)} KB，单条记录上限 ${kb(ITEM_LIMIT_BYTES)} KB），${hint}`,
    { document: what, bytes, limit: ITEM_LIMIT_BYTES },
  );
}

type Marshalled = Record<string, AttributeValue>;
type WriteInput = {
  Item?: Marshalled;
  Key?: Marshalled;
  ExpressionAttributeValues?: Marshalled;
  TransactItems?: {
    Put?: { Item?: Marshalled };
    Update?: { Key?: Marshalled; ExpressionAttributeValues?: Marshalled };
    Delete?: { Key?: Marshalled };
    ConditionCheck?: { Key?: Marshalled; ExpressionAttributeValues?: Marshalled };
  }[];
  RequestItems?: Record<string, { PutRequest?: { Item?: Marshalled } }[] | unknown>;
};

/** The guard's exact measure (see checkWriteSize). */
function checkWriteSizeExactly(input: WriteInput, limit: number): void {
  if (input.Item) checkItem(input.Item, limit);
  if (input.Key && input.ExpressionAttributeValues)
    checkItem({ ...input.Key, ...input.ExpressionAttributeValues }, limit, input.Key);
  if (input.TransactItems) {
    let total = 0;
    for (const t of input.TransactItems) {
      if (t.Put?.Item) total += checkItem(t.Put.Item, limit);
      else if (t.Update?.Key)
        total += checkItem(
          { ...t.Update.Key, ...(t.Update.ExpressionAttributeValues ?? {}) },
          limit,
          t.Update.Key,
        );
      else total += itemSize(t.Delete?.Key ?? t.ConditionCheck?.Key ?? {});
    }
    if (total > TRANSACTION_LIMIT_BYTES) {
      throw new AppError(
        'store.itemTooLarge',
        `一次写入的数据过大（约 ${kb(total)} KB，上限 ${kb(TRANSACTION_LIMIT_BYTES)} KB），请拆分后重试`,
        { record: 'transaction', bytes: total, limit: TRANSACTION_LIMIT_BYTES },
      );
    }
  }
  if (input.RequestItems) {
    for (const requests of Object.values(input.RequestItems)) {
      if (!Array.isArray(requests)) continue;
      for (const r of requests as { PutRequest?: { Item?: Marshalled } }[])
        if (r.PutRequest?.Item) checkItem(r.PutRequest.Item, limit);
    }
  }
}

/**
 * Refuses a write that DynamoDB would refuse for its size, naming the record: a put above
 * `limit`, an update whose new values alone are (the item it builds is at least that large),
 * a transaction whose items add up to more than 4 MB. Reads and small writes pass untouched.
 * A write whose size bound (`itemSizeBound`) is within every limit passes without being
 * measured exactly; the rest is measured, so the guard refuses exactly what the exact
 * measure refuses.
 */
export function checkWriteSize(input: WriteInput, limit = ITEM_LIMIT_BYTES): void {
  if (withinBound(input, limit)) return;
  checkWriteSizeExactly(input, limit);
}

function withinBound(input: WriteInput, limit: number): boolean {
  if (input.Item && itemSizeBound(input.Item) > limit) return false;
  if (
    input.Key &&
    input.ExpressionAttributeValues &&
    itemSizeBound(input.Key) + itemSizeBound(input.ExpressionAttributeValues) > limit
  )
    return false;
  if (input.TransactItems) {
    let total = 0;
    for (const t of input.TransactItems) {
      const bound = t.Put?.Item
        ? itemSizeBound(t.Put.Item)
        : t.Update?.Key
          ? itemSizeBound(t.Update.Key) + itemSizeBound(t.Update.ExpressionAttributeValues ?? {})
          : itemSizeBound(t.Delete?.Key ?? t.ConditionCheck?.Key ?? {});
      if ((t.Put?.Item || t.Update?.Key) && bound > limit) return false;
      total += bound;
    }
    if (total > TRANSACTION_LIMIT_BYTES) return false;
  }
  if (input.RequestItems) {
    for (const requests of Object.values(input.RequestItems)) {
      if (!Array.isArray(requests)) continue;
      for (const r of requests as { PutRequest?: { Item?: Marshalled } }[])
        if (r.PutRequest?.Item && itemSizeBound(r.PutRequest.Item) > limit) return false;
    }
  }
  return true;
}

function checkItem(item: Marshalled, limit: number, key: Marshalled = item): number {
  const size = itemSize(item);
  if (size <= limit) return size;
  const pk = key.pk?.S ?? '?';
  const sk = key.sk?.S ?? '?';
  const type = item.type?.S;
  const record = `${pk} / ${sk}`;
  throw new AppError(
    'store.itemTooLarge',
    `记录过大，无法保存：${type ? `${type} ` : ''}${record}（约 ${kb(size)} KB，上限 ${kb(limit)} KB）`,
    { record, ...(type ? { type } : {}), bytes: size, limit },
  );
}

const kb = (bytes: number) => Math.ceil(bytes / 1024);

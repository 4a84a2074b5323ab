// TransactWriteItems and TransactGetItems on top of dynalite, which has neither.
//
// The caller (front.ts) holds the exclusive lock around executeWrite and the shared lock
// around getItems, so nobody can observe the intermediate states produced here.
//
// A write runs every operation through dynalite with its own condition, while the engine
// holds back every LevelDB write they cause (engine.ts `capture`). Because a transaction may
// touch an item only once, each condition is evaluated against the state before the
// transaction, exactly as DynamoDB does, and the operations can run in parallel. If every
// condition holds, the held-back writes are written as ONE LevelDB batch; if any fails, they
// are dropped. Nothing is ever undone, so a crash at any moment leaves the transaction either
// wholly applied or not at all. Update arithmetic stays dynalite's (big.js).
import { createHash } from 'node:crypto';
import stringify from 'safe-stable-stringify';
import type { Upstream } from './upstream.js';

type Json = Record<string, unknown>;
type AttrMap = Record<string, unknown>;

const TYPE_PREFIX = 'com.amazonaws.dynamodb.v20120810#';
const MAX_ITEMS = 100;
const TOKEN_TTL_MS = 10 * 60 * 1000;
// A name no real item uses: ConditionCheck runs as an UpdateItem that removes it.
const NOOP_ATTR = '__txnoop';

/** An error answered to the client as a DynamoDB JSON error body. */
export class DynamoError extends Error {
  constructor(
    readonly status: number,
    readonly body: Json,
  ) {
    super(String(body.message ?? body.Message ?? body.__type));
  }
}

export function validationError(message: string): DynamoError {
  return new DynamoError(400, { __type: 'com.amazon.coral.validate#ValidationException', message });
}

function internalError(message: string): DynamoError {
  return new DynamoError(500, { __type: `${TYPE_PREFIX}InternalServerError`, message });
}

type WriteKind = 'Put' | 'Update' | 'Delete' | 'ConditionCheck';
type WriteOp = { kind: WriteKind; params: Json; table: string; key: AttrMap | undefined };
type Outcome =
  | { ok: true }
  | { ok: false; conditionFailed: true }
  | { ok: false; conditionFailed: false; error: DynamoError };

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export class Transactions {
  /** Key attribute names per table, so a Put's Item can be reduced to its key. */
  private readonly keySchemas = new Map<string, string[]>();
  /** ClientRequestToken -> hash of the request it succeeded with. Insertion order = age. */
  private readonly tokens = new Map<string, { hash: string; expires: number }>();

  constructor(
    private readonly upstream: Upstream,
    private readonly now: () => number = Date.now,
  ) {}

  /** Tables may be deleted and recreated with another key schema. */
  forgetSchemas(): void {
    this.keySchemas.clear();
  }

  /**
   * Checks a TransactWriteItems request and finds the item each operation touches (no lock
   * needed: it only reads key schemas).
   */
  async prepareWrite(request: Json): Promise<PreparedWrite> {
    const items = checkItemCount(request.TransactItems);
    const token = request.ClientRequestToken;
    if (
      token !== undefined &&
      (typeof token !== 'string' || token.length < 1 || token.length > 36)
    ) {
      throw validationError(
        "1 validation error detected: Value at 'clientRequestToken' failed to satisfy constraint: Member must have length between 1 and 36",
      );
    }
    const ops = items.map((item, i) => parseWriteItem(item, i + 1));
    for (const op of ops) {
      if (op.kind === 'Put') op.key = await this.keyOf(op.table, op.params.Item as AttrMap);
    }
    checkDistinctItems(ops);
    return {
      ops,
      ...(token !== undefined ? { token: token as string, hash: hashRequest(request) } : {}),
    };
  }

  /** The items of a prepared write, as `itemId` names them. */
  itemsOf(prepared: PreparedWrite): string[] {
    return prepared.ops.map((op) => itemId(op.table, op.key));
  }

  /** Runs a prepared write all or nothing. The caller holds the store alone. */
  async executeWrite(prepared: PreparedWrite): Promise<Json> {
    const { ops, token, hash } = prepared;
    if (token !== undefined) {
      const seen = this.liveToken(token);
      if (seen) {
        if (seen.hash === hash) return {}; // replay: success without applying again
        throw new DynamoError(400, {
          __type: `${TYPE_PREFIX}IdempotentParameterMismatchException`,
          message:
            'Request parameters do not match the parameters of the original request with the same client token',
        });
      }
    }

    // An operation that throws (store unreachable) must not stop the others being awaited.
    const run = (subset: WriteOp[]) =>
      this.upstream.capture(() =>
        Promise.all(
          subset.map((op) =>
            this.apply(op).catch((err: unknown): Outcome => ({
              ok: false,
              conditionFailed: false,
              error: internalError(String(err)),
            })),
          ),
        ),
      );
    // ConditionChecks run as no-op updates whose writes are dropped, before (never beside) the
    // writes, so both see the state before the transaction.
    const checks = ops.filter((op) => op.kind === 'ConditionCheck');
    const writes = ops.filter((op) => op.kind !== 'ConditionCheck');
    const checked = checks.length ? (await run(checks)).value : [];
    const applied = await run(writes);
    const outcomeOf = new Map<WriteOp, Outcome>();
    checks.forEach((op, i) => outcomeOf.set(op, checked[i]!));
    writes.forEach((op, i) => outcomeOf.set(op, applied.value[i]!));
    const outcomes = ops.map((op) => outcomeOf.get(op)!);

    if (outcomes.some((o) => !o.ok)) {
      // Nothing was written. A request error (validation, missing table) wins over condition
      // failures, as in DynamoDB.
      for (const o of outcomes) if (!o.ok && !o.conditionFailed) throw o.error;
      throw await this.cancellation(ops, outcomes);
    }
    await this.upstream.commit(applied.writes);
    if (token !== undefined && hash !== undefined) {
      this.tokens.set(token, { hash, expires: this.now() + TOKEN_TTL_MS });
    }
    return {};
  }

  /** The items a TransactGetItems request reads, checked. */
  prepareGet(request: Json): PreparedGet {
    const items = checkItemCount(request.TransactItems);
    const gets = items.map((item) => {
      const get = isObject(item) ? item.Get : undefined;
      if (!isObject(get) || typeof get.TableName !== 'string' || !isObject(get.Key)) {
        throw validationError('TransactGetItem must contain a Get with TableName and Key');
      }
      return { table: get.TableName, key: get.Key, get };
    });
    checkDistinctItems(gets);
    return { gets };
  }

  /** Item id of a single-item write (PutItem, UpdateItem, DeleteItem); undefined if malformed. */
  async itemOfWrite(op: string, payload: Json): Promise<string | undefined> {
    const table = payload.TableName;
    if (typeof table !== 'string') return undefined;
    if (op === 'PutItem') {
      if (!isObject(payload.Item)) return undefined;
      try {
        return itemId(table, await this.keyOf(table, payload.Item));
      } catch {
        return undefined; // a missing table is dynalite's to report
      }
    }
    return isObject(payload.Key) ? itemId(table, payload.Key) : undefined;
  }

  async getItems(prepared: PreparedGet): Promise<Json> {
    const { gets } = prepared;
    const results = await Promise.all(
      gets.map(({ get }) =>
        this.upstream.call('GetItem', {
          TableName: get.TableName,
          Key: get.Key,
          ProjectionExpression: get.ProjectionExpression,
          ExpressionAttributeNames: get.ExpressionAttributeNames,
          ConsistentRead: true,
        }),
      ),
    );
    const bad = results.find((r) => r.status !== 200);
    if (bad) throw new DynamoError(bad.status, bad.body);
    return { Responses: results.map((r) => (r.body.Item ? { Item: r.body.Item } : {})) };
  }

  private liveToken(token: string): { hash: string } | undefined {
    const now = this.now();
    // Oldest first, so expired tokens are always at the front.
    for (const [t, entry] of this.tokens) {
      if (entry.expires > now) break;
      this.tokens.delete(t);
    }
    return this.tokens.get(token);
  }

  private async keyOf(table: string, item: AttrMap): Promise<AttrMap> {
    let names = this.keySchemas.get(table);
    if (!names) {
      const res = await this.upstream.call('DescribeTable', { TableName: table });
      if (res.status !== 200) throw new DynamoError(res.status, res.body);
      const schema = (res.body.Table as { KeySchema: { AttributeName: string }[] }).KeySchema;
      names = schema.map((k) => k.AttributeName);
      this.keySchemas.set(table, names);
    }
    return Object.fromEntries(names.filter((n) => n in item).map((n) => [n, item[n]]));
  }

  /** Runs one operation on dynalite (its writes are held back by the caller's capture). */
  private async apply(op: WriteOp): Promise<Outcome> {
    const { ReturnValuesOnConditionCheckFailure: _ignored, ...params } = op.params;
    const res =
      op.kind === 'ConditionCheck'
        ? // An update that changes nothing, guarded by the condition: dynalite evaluates it for
          // us. Its write (a key-only item where there was none) is dropped by the caller.
          await this.upstream.call('UpdateItem', {
            ...params,
            UpdateExpression: `REMOVE #${NOOP_ATTR}`,
            ExpressionAttributeNames: {
              ...(params.ExpressionAttributeNames as Json | undefined),
              [`#${NOOP_ATTR}`]: NOOP_ATTR,
            },
          })
        : await this.upstream.call(`${op.kind}Item`, params);
    if (res.status !== 200) {
      if (String(res.body.__type).endsWith('#ConditionalCheckFailedException'))
        return { ok: false, conditionFailed: true };
      return { ok: false, conditionFailed: false, error: new DynamoError(res.status, res.body) };
    }
    return { ok: true };
  }

  private async cancellation(ops: WriteOp[], outcomes: Outcome[]): Promise<DynamoError> {
    const reasons = await Promise.all(
      ops.map(async (op, i) => {
        if (outcomes[i]!.ok) return { Code: 'None' };
        const reason: Json = {
          Code: 'ConditionalCheckFailed',
          Message: 'The conditional request failed',
        };
        if (op.params.ReturnValuesOnConditionCheckFailure === 'ALL_OLD') {
          // Nothing of the transaction was written: this is the item as it was before it.
          const res = await this.upstream.call('GetItem', {
            TableName: op.table,
            Key: op.key,
            ConsistentRead: true,
          });
          if (res.body.Item) reason.Item = res.body.Item;
        }
        return reason;
      }),
    );
    const codes = reasons.map((r) => r.Code).join(', ');
    return new DynamoError(400, {
      __type: `${TYPE_PREFIX}TransactionCanceledException`,
      Message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes}]`,
      CancellationReasons: reasons,
    });
  }
}

export type PreparedWrite = { ops: WriteOp[]; token?: string; hash?: string };
export type PreparedGet = { gets: { table: string; key: unknown; get: Json }[] };

/** One name per item of a table, the same for a Put's item and an Update's key. */
export function itemId(table: string, key: unknown): string {
  return stringify([table, key]) ?? '';
}

function checkItemCount(items: unknown): unknown[] {
  if (!Array.isArray(items)) {
    throw validationError(
      "1 validation error detected: Value null at 'transactItems' failed to satisfy constraint: Member must not be null",
    );
  }
  if (items.length < 1 || items.length > MAX_ITEMS) {
    const bound =
      items.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_ITEMS}`;
    throw validationError(
      `1 validation error detected: Value '[${items.length} items]' at 'transactItems' failed to satisfy constraint: Member must have length ${bound}`,
    );
  }
  return items;
}

function parseWriteItem(item: unknown, position: number): WriteOp {
  const kinds = (['Put', 'Update', 'Delete', 'ConditionCheck'] as const).filter(
    (k) => isObject(item) && item[k] !== undefined,
  );
  if (kinds.length !== 1) {
    throw validationError('TransactItems can only contain one of Check, Put, Update or Delete');
  }
  const kind = kinds[0]!;
  const params = (item as Json)[kind];
  if (!isObject(params) || typeof params.TableName !== 'string') {
    throw validationError(
      `1 validation error detected: Value null at 'transactItems.${position}.member.${kind.charAt(0).toLowerCase() + kind.slice(1)}.tableName' failed to satisfy constraint: Member must not be null`,
    );
  }
  const field = kind === 'Put' ? 'Item' : 'Key';
  if (!isObject(params[field])) {
    throw validationError(
      `The parameter '${field}' is required but was not present in the request`,
    );
  }
  if (kind === 'ConditionCheck' && typeof params.ConditionExpression !== 'string') {
    throw validationError(
      "The parameter 'ConditionExpression' is required but was not present in the request",
    );
  }
  if (kind === 'Update' && typeof params.UpdateExpression !== 'string') {
    throw validationError(
      "The parameter 'UpdateExpression' is required but was not present in the request",
    );
  }
  const rv = params.ReturnValuesOnConditionCheckFailure;
  if (rv !== undefined && rv !== 'ALL_OLD' && rv !== 'NONE') {
    throw validationError(
      `1 validation error detected: Value '${String(rv)}' at 'returnValuesOnConditionCheckFailure' failed to satisfy constraint: Member must satisfy enum value set: [ALL_OLD, NONE]`,
    );
  }
  return {
    kind,
    params,
    table: params.TableName,
    key: kind === 'Put' ? undefined : (params.Key as AttrMap),
  };
}

function checkDistinctItems(ops: { table: string; key: unknown }[]): void {
  const seen = new Set<string>();
  for (const op of ops) {
    const id = itemId(op.table, op.key);
    if (seen.has(id))
      throw validationError('Transaction request cannot include multiple operations on one item');
    seen.add(id);
  }
}

function hashRequest(request: Json): string {
  const { ClientRequestToken: _token, ...rest } = request;
  return createHash('sha256').update(stringify(rest)).digest('hex');
}

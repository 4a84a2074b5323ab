import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Page } from '@factory/shared';
import type { Deps } from '../deps.js';
import { batchGetKeys } from './batchGet.js';
import { Expr } from './expressions.js';
import { keys } from './keys.js';
import { cutSegments, orderId, type ResultIndex, segmentKind } from './mrpSegments.js';
import { compressedParts } from './parts.js';
import { queryPage } from './query.js';
import { transactWrite, type TxItem } from './transact.js';

export type RunRecord = {
  runId: string;
  status: 'queued' | 'loaded' | 'computed' | 'persisted' | 'completed' | 'failed';
  runDate: string;
  horizonDays: number;
  requestedBy: string;
  requestedAt: string;
  steps: { name: string; at: string }[];
  counts?: Record<string, number>;
  /** Which load wrote the input snapshot: the one that finished (see lastPlan.ts, loadKey). */
  inputId?: string;
  /** The run whose input snapshot holds this run's items and BOMs (absent: its own). */
  masterFrom?: string;
  previousRunId?: string;
  /** What was asked for (absent on runs before net change: full). */
  mode?: 'full' | 'net';
  /** A net run: the current plan it kept the unmarked items of (absent: planned in full). */
  basedOn?: string;
  /** A net request planned in full after all, and why. */
  fullBecause?: string;
  /** A net-change request came while this run was under way: another run follows it. */
  rerun?: boolean;
  /** A newer run became current before this one finished: its plan never did. */
  supersededBy?: string;
  error?: string;
  finishedAt?: string;
};

/**
 * MRP runs: the run record, the input snapshot and the result, both stored as compressed
 * parts (pages, not rows: a 100k-item result is a few dozen items), and the pointer to the
 * current run.
 */
export function mrpRepo(deps: Pick<Deps, 'db' | 'tableName'>, tenant: string) {
  const TableName = deps.tableName;

  /** A new run, with `extra` in the same transaction (a link to the request that asked). */
  async function createRun(run: RunRecord, extra: TxItem[] = []): Promise<void> {
    await transactWrite(deps.db, [
      {
        Put: {
          TableName,
          Item: { ...keys.mrpRun(tenant, run.runId), type: 'mrpRun', ...run },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...extra,
    ]);
  }

  async function getRun(runId: string): Promise<RunRecord | undefined> {
    const { pk, sk } = keys.mrpRun(tenant, runId);
    const res = await deps.db.send(
      new GetCommand({ TableName, Key: { pk, sk }, ConsistentRead: true }),
    );
    return res.Item ? toRun(res.Item) : undefined;
  }

  function toRun(raw: Record<string, unknown>): RunRecord {
    const { pk: _pk, sk: _sk, gsi1pk: _g, gsi1sk: _s, type: _t, ...rest } = raw;
    const run = rest as unknown as RunRecord;
    run.horizonDays = Number(run.horizonDays);
    if (run.counts)
      run.counts = Object.fromEntries(Object.entries(run.counts).map(([k, v]) => [k, Number(v)]));
    return run;
  }

  /** Records a step; `status` moves only forward, so a retried step does not undo a later one. */
  async function advance(
    runId: string,
    status: RunRecord['status'],
    step: string,
    at: string,
    set: Record<string, unknown> = {},
  ): Promise<void> {
    const e = new Expr();
    const { pk, sk } = keys.mrpRun(tenant, runId);
    const update =
      `SET ${e.name('status')} = ${e.value(status)}, ${e.name('steps')} = list_append(${e.name('steps')}, ${e.value([{ name: step, at }])})` +
      Object.entries(set)
        .map(([k, v]) => `, ${e.name(k)} = ${e.value(v)}`)
        .join('');
    await deps.db.send(new UpdateCommand({ TableName, Key: { pk, sk }, ...e.forUpdate(update) }));
  }

  const partsOf = (runId: string) =>
    compressedParts(deps, 'mrpRunPart', (kind, n) => keys.mrpRunPart(tenant, runId, kind, n));
  const putParts = (runId: string, kind: string, value: unknown) => partsOf(runId).put(kind, value);
  const getParts = <T>(runId: string, kind: string) => partsOf(runId).get<T>(kind);
  const getPartsText = (runId: string, kind: string) => partsOf(runId).getText(kind);

  /**
   * Writes a result as segments and, last, its index: a result without an index is absent.
   * Each planned order is stored with its id, its position among the run's own rows
   * (`orderId`): a retried write gives the same ids. A net run's `layer` says which items'
   * rows these are and the layers below them (`orders` and `exceptions` hold only those
   * items').
   */
  async function putResult<O extends { item: string }, E extends { item: string }>(
    runId: string,
    orders: readonly O[],
    exceptions: readonly E[],
    layer?: Pick<ResultIndex, 'items' | 'under'>,
  ): Promise<ResultIndex> {
    const o = cutSegments(orders);
    const e = cutSegments(exceptions);
    const withIds = (chunk: readonly O[], first: number) =>
      chunk.map((row, k) => ({ id: orderId(runId, first + k), ...row }));
    const writes = [
      ...o.chunks.map(
        (c, n) => () => putParts(runId, segmentKind('orders', n), withIds(c, o.metas[n]!.first)),
      ),
      ...e.chunks.map((c, n) => () => putParts(runId, segmentKind('exceptions', n), c)),
    ];
    await inParallel(writes, 4);
    const index: ResultIndex = { orders: o.metas, exceptions: e.metas, ...layer };
    await putParts(runId, 'PX', index);
    return index;
  }

  function getResultIndex(runId: string): Promise<ResultIndex | undefined> {
    return getParts<ResultIndex>(runId, 'PX');
  }

  /** The JSON text of one segment's rows (an array, as stored). */
  async function getSegmentText(
    runId: string,
    what: 'orders' | 'exceptions',
    segment: number,
  ): Promise<string> {
    const text = await getPartsText(runId, segmentKind(what, segment));
    if (text === undefined)
      throw new Error(`MRP run ${runId}: ${what} segment ${segment} is missing`);
    return text;
  }

  /** The rows of the given segments, in segment order. */
  async function getSegments<T>(
    runId: string,
    what: 'orders' | 'exceptions',
    segments: readonly number[],
  ): Promise<T[][]> {
    return inParallel(
      segments.map((n) => async () => {
        const rows = await getParts<T[]>(runId, segmentKind(what, n));
        if (!rows) throw new Error(`MRP run ${runId}: ${what} segment ${n} is missing`);
        return rows;
      }),
      8,
    );
  }

  async function getCurrent(): Promise<string | undefined> {
    const res = await deps.db.send(
      new GetCommand({ TableName, Key: keys.mrpCurrent(tenant), ConsistentRead: true }),
    );
    return res.Item ? String(res.Item.runId) : undefined;
  }

  /**
   * Makes the run's plan the current one, unless a run requested later is current already
   * (an older run finishing late must not replace a newer plan): a conditional write, so two
   * runs finishing together cannot both win. Answers the run that is current afterwards.
   */
  async function setCurrent(
    run: Pick<RunRecord, 'runId' | 'requestedAt'>,
    at: string,
  ): Promise<string> {
    const e = new Expr();
    const condition =
      `attribute_not_exists(pk) OR attribute_not_exists(${e.name('requestedAt')})` +
      ` OR ${e.name('requestedAt')} <= ${e.value(run.requestedAt)}` +
      ` OR ${e.name('runId')} = ${e.value(run.runId)}`;
    try {
      await deps.db.send(
        new PutCommand({
          TableName,
          Item: {
            ...keys.mrpCurrent(tenant),
            type: 'mrpCurrent',
            runId: run.runId,
            requestedAt: run.requestedAt,
            at,
          },
          ...e.build(condition),
        }),
      );
      return run.runId;
    } catch (err) {
      if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
      return (await getCurrent()) ?? run.runId;
    }
  }

  /**
   * Asks a run still under way for another net run after it (`rerun`); false when it has
   * finished meanwhile (then the caller starts one itself).
   */
  async function askRerun(runId: string): Promise<boolean> {
    const { pk, sk } = keys.mrpRun(tenant, runId);
    try {
      await deps.db.send(
        new UpdateCommand({
          TableName,
          Key: { pk, sk },
          UpdateExpression: 'SET #rerun = :yes',
          ConditionExpression: 'attribute_exists(pk) AND NOT #status IN (:done, :failed)',
          ExpressionAttributeNames: { '#rerun': 'rerun', '#status': 'status' },
          ExpressionAttributeValues: { ':yes': true, ':done': 'completed', ':failed': 'failed' },
        }),
      );
      return true;
    } catch (err) {
      if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
      return false;
    }
  }

  /** Newest first: run ids sort by time. */
  function listRuns(q: { limit: number; cursor?: string }): Promise<Page<RunRecord>> {
    return queryPage(
      deps,
      {
        indexName: 'gsi1',
        partition: { attr: 'gsi1pk', value: keys.mrpRun(tenant, '').gsi1pk },
        descending: true,
      },
      q,
      toRun,
    );
  }

  async function releasedOf(ids: string[]): Promise<Map<string, Record<string, unknown>>> {
    const found = await batchGetKeys(
      deps,
      ids.map((id) => keys.mrpReleased(tenant, id)),
    );
    return new Map(found.map((r) => [String(r.plannedOrderId), r]));
  }

  return {
    createRun,
    getRun,
    advance,
    putParts,
    getParts,
    putResult,
    getSegmentText,
    getResultIndex,
    getSegments,
    getCurrent,
    setCurrent,
    listRuns,
    askRerun,
    releasedOf,
  };
}

export type MrpRepo = ReturnType<typeof mrpRepo>;

/** Runs the tasks with at most `limit` in flight; results in task order. */
async function inParallel<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const out = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const n = next++;
      out[n] = await tasks[n]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return out;
}

import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  AppError,
  type OutboxEntry,
  type OutboxKind,
  type OutboxStatus,
  type Page,
} from '@factory/shared';
import type { Deps } from '../deps.js';
import { keys, OUTBOX_PENDING } from './keys.js';
import { queryPage } from './query.js';
import { transactWrite, type TxItem } from './transact.js';

type Db = Pick<Deps, 'db' | 'tableName'>;

/** A message to put in the outbox, with the business change that causes it. */
export type NewOutboxMessage = {
  kind: OutboxKind;
  /** What the kind's handler needs to send it (the message as built at the change). */
  payload: unknown;
  /** zh-CN, for the list of failed deliveries. */
  summary: string;
  recipients: string[];
  /** The record its outcome is written to (approvalId + step, taskOrder + report). */
  ref?: Record<string, string>;
};

/** An outbox record as stored. */
export type OutboxRecord = {
  tenant: string;
  id: string;
  kind: OutboxKind;
  status: OutboxStatus;
  payload: unknown;
  summary: string;
  recipients: string[];
  ref?: Record<string, string>;
  attempts: number;
  maxAttempts?: number;
  deferrals: number;
  createdAt: string;
  nextAttemptAt?: string;
  lastAttemptAt?: string;
  lastError?: string;
  deliveredAt?: string;
  failedAt?: string;
  msgid?: string;
  /** The worker holding the record (until `nextAttemptAt`, its lease). */
  claim?: string;
  /** An earlier attempt got no answer: WeCom may have taken the message already. */
  uncertain?: boolean;
};

/** A pending record as the cross-tenant `pending` index lists it. */
export type DueRef = { tenant: string; id: string; dueAt: string };

/** Delivered records stay listable this long, then expire (TTL). */
const DELIVERED_TTL_SECONDS = 30 * 24 * 3600;

// The local runtime's worker listens here (in AWS the table's stream sees the writes).
let written: (() => void) | undefined;

/** The local outbox worker is woken whenever a transaction with an outbox record commits. */
export function onOutboxWritten(listener: (() => void) | undefined): void {
  written = listener;
}
const wake = () => written?.();

/** The claim was lost: the lease ran out and another worker took the record over. */
export class OutboxClaimLost extends AppError {
  constructor(id: string) {
    super('internal', `outbox ${id}: the claim was lost to another worker`);
  }
}

/**
 * The outbox: one item per outgoing WeCom message (`T#t#OUTBOX#<id>`), put in the same
 * transaction as the business change, listed per tenant by state (gsi1), and while pending
 * in the cross-tenant `pending` index the worker reads. The worker claims a due record with a
 * conditional update (a lease), and records each attempt's outcome conditioned on its claim,
 * together with the outcome's effect on the business record (an approval's card sent, ...).
 */
export function outboxRepo(deps: Db, tenant: string) {
  const TableName = deps.tableName;
  const key = (id: string) => keys.outbox(tenant, id);

  /** The record for a new message (due now), to add to the business change's transaction. */
  function enqueueItem(id: string, at: string, m: NewOutboxMessage): TxItem {
    return {
      Put: {
        TableName,
        Item: {
          ...key(id),
          ...keys.outboxListEntry(tenant, 'pending', at, id),
          ...keys.outboxPending(tenant, id, at),
          type: 'outbox',
          tenant,
          id,
          kind: m.kind,
          status: 'pending',
          payload: JSON.stringify(m.payload),
          summary: m.summary,
          recipients: m.recipients,
          ...(m.ref ? { ref: m.ref } : {}),
          attempts: 0,
          deferrals: 0,
          createdAt: at,
          nextAttemptAt: at,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
      onCommitted: wake,
    };
  }

  /** A message with no business change to go with (an approver asked for a reason). */
  async function enqueue(id: string, at: string, m: NewOutboxMessage): Promise<void> {
    await transactWrite(deps.db, [enqueueItem(id, at, m)]);
  }

  async function get(id: string): Promise<OutboxRecord | undefined> {
    const res = await deps.db.send(
      new GetCommand({ TableName, Key: key(id), ConsistentRead: true }),
    );
    return res.Item ? fromItem(res.Item) : undefined;
  }

  /**
   * Takes a due pending record for one attempt: counts the attempt and moves its due time to
   * the end of the lease, so nobody else takes it meanwhile and a worker that dies leaves it
   * due again. Undefined when it is not (or no longer) due, or not pending.
   */
  async function claim(
    id: string,
    now: string,
    lease: string,
    token: string,
    maxAttempts: number,
  ): Promise<OutboxRecord | undefined> {
    try {
      const res = await deps.db.send(
        new UpdateCommand({
          TableName,
          Key: key(id),
          UpdateExpression:
            'SET #attempts = #attempts + :one, #claim = :token, #next = :lease, #last = :now, #max = :max, #psk = :psk',
          ConditionExpression: '#status = :pending AND #next <= :now',
          ExpressionAttributeNames: {
            '#attempts': 'attempts',
            '#claim': 'claim',
            '#next': 'nextAttemptAt',
            '#last': 'lastAttemptAt',
            '#max': 'maxAttempts',
            '#psk': 'pendingSk',
            '#status': 'status',
          },
          ExpressionAttributeValues: {
            ':one': 1,
            ':token': token,
            ':lease': lease,
            ':now': now,
            ':max': maxAttempts,
            ':psk': keys.outboxPending(tenant, id, lease).pendingSk,
            ':pending': 'pending',
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return res.Attributes ? fromItem(res.Attributes) : undefined;
    } catch (err) {
      if ((err as { name?: string }).name === 'ConditionalCheckFailedException') return undefined;
      throw err;
    }
  }

  /** An update of a claimed record, conditioned on the claim. */
  function claimed(
    r: OutboxRecord,
    set: Record<string, unknown>,
    remove: string[],
    extra: Partial<Pick<TxItem, 'onCommitted'>> = {},
  ): TxItem {
    const names: Record<string, string> = { '#claim': 'claim' };
    const values: Record<string, unknown> = { ':token': r.claim };
    const sets = Object.entries(set).map(([k, v], i) => {
      names[`#s${i}`] = k;
      values[`:s${i}`] = v;
      return `#s${i} = :s${i}`;
    });
    const removes = ['claim', ...remove].map((k, i) => {
      names[`#r${i}`] = k;
      return `#r${i}`;
    });
    return {
      Update: {
        TableName,
        Key: key(r.id),
        UpdateExpression: `SET ${sets.join(', ')} REMOVE ${removes.join(', ')}`,
        ConditionExpression: '#claim = :token',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
      onConditionFailed: () => new OutboxClaimLost(r.id),
      ...extra,
    };
  }

  /** Delivered: out of the pending index, listed as delivered, expiring after 30 days. */
  function deliveredItem(r: OutboxRecord, at: string, msgid?: string): TxItem {
    return claimed(
      r,
      {
        status: 'delivered',
        deliveredAt: at,
        ...(msgid ? { msgid } : {}),
        ...keys.outboxListEntry(tenant, 'delivered', at, r.id),
        expiresAt: Math.floor(Date.parse(at) / 1000) + DELIVERED_TTL_SECONDS,
      },
      ['pendingPk', 'pendingSk', 'nextAttemptAt'],
    );
  }

  /**
   * A failed attempt with another to come at `next`. `uncertain`: WeCom gave no answer (a
   * timeout, a cut connection), so the message may have been delivered all the same.
   */
  function retryItem(r: OutboxRecord, next: string, error: string, uncertain: boolean): TxItem {
    return claimed(
      r,
      {
        nextAttemptAt: next,
        lastError: error,
        pendingSk: keys.outboxPending(tenant, r.id, next).pendingSk,
        ...(uncertain ? { uncertain: true } : {}),
      },
      [],
    );
  }

  /** Not sent and not failing (waiting for something else): the attempt is not counted. */
  function deferItem(r: OutboxRecord, next: string, reason: string): TxItem {
    return claimed(
      r,
      {
        attempts: Math.max(0, r.attempts - 1),
        deferrals: r.deferrals + 1,
        nextAttemptAt: next,
        lastError: reason,
        pendingSk: keys.outboxPending(tenant, r.id, next).pendingSk,
      },
      [],
    );
  }

  /** Given up: out of the pending index, listed as failed until someone resends it. */
  function failedItem(r: OutboxRecord, at: string, error: string): TxItem {
    return claimed(
      r,
      {
        status: 'failed',
        failedAt: at,
        lastError: error,
        ...keys.outboxListEntry(tenant, 'failed', at, r.id),
      },
      ['pendingPk', 'pendingSk', 'nextAttemptAt'],
    );
  }

  /** A failed record due again now, its attempts starting over (only while it is failed). */
  function resendItem(r: OutboxRecord, at: string): TxItem {
    return {
      Update: {
        TableName,
        Key: key(r.id),
        UpdateExpression:
          'SET #status = :pending, #attempts = :zero, #deferrals = :zero, #next = :at, #ppk = :ppk, #psk = :psk, #gsk = :gsk REMOVE #failedAt, #claim',
        ConditionExpression: '#status = :failed',
        ExpressionAttributeNames: {
          '#status': 'status',
          '#attempts': 'attempts',
          '#deferrals': 'deferrals',
          '#next': 'nextAttemptAt',
          '#ppk': 'pendingPk',
          '#psk': 'pendingSk',
          '#gsk': 'gsi1sk',
          '#failedAt': 'failedAt',
          '#claim': 'claim',
        },
        ExpressionAttributeValues: {
          ':pending': 'pending',
          ':failed': 'failed',
          ':zero': 0,
          ':at': at,
          ':ppk': OUTBOX_PENDING,
          ':psk': keys.outboxPending(tenant, r.id, at).pendingSk,
          ':gsk': keys.outboxListEntry(tenant, 'pending', at, r.id).gsi1sk,
        },
      },
      onConditionFailed: () =>
        new AppError('resource.versionConflict', `企业微信消息已被他人重发：${r.id}`, {
          entity: 'outboxMessage',
          id: r.id,
        }),
      onCommitted: wake,
    };
  }

  /** The tenant's records in one state, newest first. */
  function list(
    status: OutboxStatus,
    page: { limit: number; cursor?: string },
  ): Promise<Page<OutboxEntry>> {
    return queryPage(
      deps,
      {
        indexName: 'gsi1',
        partition: { attr: 'gsi1pk', value: keys.outboxList(tenant) },
        build: (e) => ({ sortKey: `begins_with(${e.name('gsi1sk')}, ${e.value(`${status}#`)})` }),
        descending: true,
      },
      page,
      (raw) => toEntry(fromItem(raw)),
    );
  }

  return {
    enqueueItem,
    enqueue,
    get,
    claim,
    deliveredItem,
    retryItem,
    deferItem,
    failedItem,
    resendItem,
    list,
  };
}

/**
 * Pending records of every tenant, the earliest due first (due ones, then those waiting for
 * their next attempt): what the worker goes through. Eventually consistent (an index); the
 * claim reads the record itself.
 */
export async function pendingOutbox(deps: Db, limit: number): Promise<DueRef[]> {
  const res = await deps.db.send(
    new QueryCommand({
      TableName: deps.tableName,
      IndexName: 'pending',
      KeyConditionExpression: '#p = :p',
      ExpressionAttributeNames: { '#p': 'pendingPk' },
      ExpressionAttributeValues: { ':p': OUTBOX_PENDING },
      Limit: limit,
    }),
  );
  return (res.Items ?? []).flatMap((raw) => {
    const [dueAt, tenant, id] = String(raw.pendingSk).split('#');
    return dueAt && tenant && id ? [{ tenant, id, dueAt }] : [];
  });
}

export function fromItem(raw: Record<string, unknown>): OutboxRecord {
  const str = (k: string) => (raw[k] === undefined || raw[k] === null ? undefined : String(raw[k]));
  const opt = (k: keyof OutboxRecord) => {
    const v = str(k);
    return v === undefined ? {} : { [k]: v };
  };
  return {
    tenant: String(raw.tenant),
    id: String(raw.id),
    kind: String(raw.kind) as OutboxKind,
    status: String(raw.status) as OutboxStatus,
    payload: JSON.parse(String(raw.payload)) as unknown,
    summary: String(raw.summary ?? ''),
    recipients: Array.isArray(raw.recipients) ? raw.recipients.map(String) : [],
    ...(raw.ref && typeof raw.ref === 'object'
      ? {
          ref: Object.fromEntries(
            Object.entries(raw.ref as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
          ),
        }
      : {}),
    attempts: Number(raw.attempts ?? 0),
    ...(raw.maxAttempts !== undefined ? { maxAttempts: Number(raw.maxAttempts) } : {}),
    deferrals: Number(raw.deferrals ?? 0),
    createdAt: String(raw.createdAt),
    ...opt('nextAttemptAt'),
    ...opt('lastAttemptAt'),
    ...opt('lastError'),
    ...opt('deliveredAt'),
    ...opt('failedAt'),
    ...opt('msgid'),
    ...opt('claim'),
    ...(raw.uncertain === true ? { uncertain: true } : {}),
  } as OutboxRecord;
}

/** The API's view of a record (no payload, no claim). */
export function toEntry(r: OutboxRecord): OutboxEntry {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    summary: r.summary,
    recipients: r.recipients,
    ...(r.ref ? { ref: r.ref } : {}),
    attempts: r.attempts,
    ...(r.maxAttempts ? { maxAttempts: r.maxAttempts } : {}),
    createdAt: r.createdAt,
    ...(r.status === 'pending' && r.nextAttemptAt ? { nextAttemptAt: r.nextAttemptAt } : {}),
    ...(r.lastAttemptAt ? { lastAttemptAt: r.lastAttemptAt } : {}),
    ...(r.lastError ? { lastError: r.lastError } : {}),
    ...(r.deliveredAt ? { deliveredAt: r.deliveredAt } : {}),
    ...(r.failedAt ? { failedAt: r.failedAt } : {}),
    ...(r.msgid ? { msgid: r.msgid } : {}),
  };
}

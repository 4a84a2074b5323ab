import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  AppError,
  type Approval,
  type ApprovalDecisionNotice,
  type ApprovalNotification,
  type ApprovalRuleSet,
  type ApprovalRules,
  type InboxEntry,
  type Page,
  versionConflict,
} from '@factory/shared';
import type { Deps } from '../deps.js';
import { alreadyDecided } from '../domain/approval/index.js';
import { expectVersion } from './expressions.js';
import { keys } from './keys.js';
import { queryPage } from './query.js';
import { transactWrite, type TxItem } from './transact.js';

/**
 * A notification as stored: the view plus the response code kept to update the card later
 * and the outbox record that delivers the card.
 */
export type StoredNotification = ApprovalNotification & {
  responseCode?: string;
  outboxId?: string;
};

type Db = Pick<Deps, 'db' | 'tableName'>;

/**
 * Approvals. The approval is one item (its steps and history inside, as JSON text so numbers
 * round-trip exactly) with `version` and `status` as attributes for conditions. Beside it in
 * its partition: one inbox entry per approver and step, indexed by approver (gsi1), and the
 * card notification of each step.
 */
export function approvalRepo(deps: Db, tenant: string) {
  const TableName = deps.tableName;

  function approvalItem(a: Approval & { claimedAt?: string }): Record<string, unknown> {
    const { notifications: _n, notices: _x, claimedAt: _c, ...rest } = a;
    return {
      ...keys.approval(tenant, a.id, a.docType, a.docNo),
      type: 'approval',
      id: a.id,
      docType: a.docType,
      docNo: a.docNo,
      status: a.status,
      version: a.version,
      data: JSON.stringify(rest),
    };
  }

  function fromItem(raw: Record<string, unknown>): Approval & { claimedAt?: string } {
    return {
      ...(JSON.parse(String(raw.data)) as Omit<Approval, 'notifications'>),
      // A claim bumps the attribute only; it is the one that counts.
      version: Number(raw.version),
      notifications: [],
      ...(raw.claimedAt ? { claimedAt: String(raw.claimedAt) } : {}),
    };
  }

  function inboxItem(
    a: Approval,
    step: number,
    user: string,
    state:
      | { pending: true; since: string }
      | { pending: false; decidedAt: string; decision: 'approved' | 'rejected' },
  ): Record<string, unknown> {
    const s = a.steps[step - 1]!;
    const entry: InboxEntry = {
      approvalId: a.id,
      docType: a.docType,
      docNo: a.docNo,
      title: a.title,
      ...(a.amount ? { amount: a.amount } : {}),
      step,
      stepName: s.name,
      submittedBy: a.submittedBy,
      createdAt: a.createdAt,
      state: state.pending ? 'pending' : 'decided',
      ...(state.pending ? {} : { decision: state.decision, decidedAt: state.decidedAt }),
    };
    return {
      ...keys.inboxEntry(tenant, a.id, step, user, state),
      type: 'inboxEntry',
      data: JSON.stringify(entry),
    };
  }

  const put = (Item: Record<string, unknown>): TxItem => ({ Put: { TableName, Item } });
  const del = (key: { pk: string; sk: string }): TxItem => ({ Delete: { TableName, Key: key } });
  const inboxKey = (id: string, step: number, user: string) => {
    const { pk, sk } = keys.inboxEntry(tenant, id, step, user, { pending: true, since: '' });
    return { pk, sk };
  };

  /** A new approval and the inbox entries of its first step. */
  function createItems(a: Approval): TxItem[] {
    return [
      {
        Put: { TableName, Item: approvalItem(a), ConditionExpression: 'attribute_not_exists(pk)' },
        onConditionFailed: () => new AppError('resource.exists', `审批已存在：${a.id}`),
      },
      ...a.steps[0]!.approvers.map((u) =>
        put(inboxItem(a, 1, u, { pending: true, since: a.createdAt })),
      ),
    ];
  }

  /**
   * `before` -> `after` if nobody changed the approval meanwhile (version condition): the
   * pending entries of the step that was current are removed, the decider gets a decided
   * entry, and the approvers of a step that just started get pending ones.
   */
  function transitionItems(before: Approval, after: Approval, decidedBy?: string): TxItem[] {
    const items: TxItem[] = [
      {
        Put: {
          TableName,
          Item: approvalItem(after),
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': before.version },
        },
        onConditionFailed: () => alreadyDecided({ ...before, status: 'pending' }),
      },
    ];
    const step = before.currentStep;
    const decided = after.steps[step - 1]!;
    for (const u of before.steps[step - 1]!.approvers) {
      if (u !== decidedBy) items.push(del(inboxKey(before.id, step, u)));
    }
    if (decidedBy && (decided.status === 'approved' || decided.status === 'rejected')) {
      items.push(
        put(
          inboxItem(after, step, decidedBy, {
            pending: false,
            decidedAt: decided.decidedAt!,
            decision: decided.status,
          }),
        ),
      );
    }
    if (after.status === 'pending' && after.currentStep !== step) {
      for (const u of after.steps[after.currentStep - 1]!.approvers) {
        items.push(
          put(inboxItem(after, after.currentStep, u, { pending: true, since: after.updatedAt })),
        );
      }
    }
    return items;
  }

  async function commit(items: TxItem[]): Promise<void> {
    await transactWrite(deps.db, items);
  }

  /** The approval with its notifications, read consistently in one query of its partition. */
  async function get(
    id: string,
  ): Promise<(Approval & { stored: StoredNotification[]; claimedAt?: string }) | undefined> {
    let approval: (Approval & { claimedAt?: string }) | undefined;
    const stored: StoredNotification[] = [];
    const notices: ApprovalDecisionNotice[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const res = await deps.db.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.approvalPartition(tenant, id) },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const raw of res.Items ?? []) {
        if (raw.type === 'approval') approval = fromItem(raw);
        else if (raw.type === 'approvalNotification') stored.push(notificationOf(raw));
        else if (raw.type === 'approvalNotice')
          notices.push(JSON.parse(String(raw.data)) as ApprovalDecisionNotice);
      }
      start = res.LastEvaluatedKey;
    } while (start);
    if (!approval) return undefined;
    stored.sort((a, b) => a.step - b.step);
    const notifications = stored.map(({ responseCode: _r, outboxId: _o, ...n }) => n);
    notices.sort((a, b) => a.step - b.step);
    return { ...approval, notifications, ...(notices.length ? { notices } : {}), stored };
  }

  /** The newest approval of a document (ids are ULIDs: time-ordered). */
  async function latestOfDocument(docType: string, docNo: string): Promise<string | undefined> {
    const res = await deps.db.send(
      new QueryCommand({
        TableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': keys.approvalsOfDocument(tenant, docType, docNo) },
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    const raw = res.Items?.[0];
    return raw ? String(raw.id) : undefined;
  }

  /**
   * Claims a pending approval for one decision whose document work runs in several
   * transactions (an ECN applying BOM changes): bumps the version, so any other decision
   * fails, and marks the time. A claim older than `staleBefore` (its holder died) may be taken
   * over. Returns the claimed version.
   */
  async function claim(a: Approval, by: string, at: string, staleBefore: string): Promise<number> {
    try {
      await deps.db.send(
        new UpdateCommand({
          TableName,
          Key: (({ pk, sk }) => ({ pk, sk }))(keys.approval(tenant, a.id, a.docType, a.docNo)),
          UpdateExpression: 'SET #version = :next, #claimedAt = :at, #claimedBy = :by',
          ConditionExpression:
            '#version = :expected AND (attribute_not_exists(#claimedAt) OR #claimedAt < :stale)',
          ExpressionAttributeNames: {
            '#version': 'version',
            '#claimedAt': 'claimedAt',
            '#claimedBy': 'claimedBy',
          },
          ExpressionAttributeValues: {
            ':next': a.version + 1,
            ':expected': a.version,
            ':at': at,
            ':by': by,
            ':stale': staleBefore,
          },
        }),
      );
    } catch (err) {
      if ((err as { name?: string }).name === 'ConditionalCheckFailedException')
        throw alreadyDecided(a);
      throw err;
    }
    return a.version + 1;
  }

  /** Gives a claim back (the document work failed): the approval can be decided again. */
  async function release(a: Approval, claimedVersion: number): Promise<void> {
    await deps.db.send(
      new UpdateCommand({
        TableName,
        Key: (({ pk, sk }) => ({ pk, sk }))(keys.approval(tenant, a.id, a.docType, a.docNo)),
        UpdateExpression: 'SET #version = :next REMOVE #claimedAt, #claimedBy',
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: {
          '#version': 'version',
          '#claimedAt': 'claimedAt',
          '#claimedBy': 'claimedBy',
        },
        ExpressionAttributeValues: { ':next': claimedVersion + 1, ':expected': claimedVersion },
      }),
    );
  }

  /** A step's card notification, whole (a new card queued: no update yet). */
  function notificationItem(id: string, n: StoredNotification): TxItem {
    const { update, ...rest } = n;
    return put({
      ...keys.approvalNotification(tenant, id, n.step),
      type: 'approvalNotification',
      data: JSON.stringify(rest),
      ...(update ? { cardUpdate: JSON.stringify(update) } : {}),
    });
  }

  /**
   * The card's own outcome (sent with its msgid and response code, or failed), leaving the
   * card's update alone: a decision may have asked for one meanwhile.
   */
  function notificationOutcomeItem(id: string, n: StoredNotification): TxItem {
    const { update: _u, ...rest } = n;
    return {
      Update: {
        TableName,
        Key: keys.approvalNotification(tenant, id, n.step),
        UpdateExpression: 'SET #type = :type, #data = :data',
        ExpressionAttributeNames: { '#type': 'type', '#data': 'data' },
        ExpressionAttributeValues: {
          ':type': 'approvalNotification',
          ':data': JSON.stringify(rest),
        },
      },
    };
  }

  /** The update of a step's card (queued, sent or failed), leaving the card's outcome alone. */
  function cardUpdateItem(
    id: string,
    step: number,
    update: NonNullable<ApprovalNotification['update']>,
  ): TxItem {
    return {
      Update: {
        TableName,
        Key: keys.approvalNotification(tenant, id, step),
        UpdateExpression: 'SET #u = :u',
        ExpressionAttributeNames: { '#u': 'cardUpdate' },
        ExpressionAttributeValues: { ':u': JSON.stringify(update) },
      },
    };
  }

  /** One step's card notification as stored (with the response code), read consistently. */
  async function getNotification(
    id: string,
    step: number,
  ): Promise<StoredNotification | undefined> {
    const res = await deps.db.send(
      new GetCommand({
        TableName,
        Key: keys.approvalNotification(tenant, id, step),
        ConsistentRead: true,
      }),
    );
    return res.Item ? notificationOf(res.Item) : undefined;
  }

  function noticeItem(id: string, n: ApprovalDecisionNotice): TxItem {
    return put({
      ...keys.approvalNotice(tenant, id, n.step),
      type: 'approvalNotice',
      data: JSON.stringify(n),
    });
  }

  function inbox(
    user: string,
    q: { state: 'pending' | 'decided'; limit: number; cursor?: string },
  ): Promise<Page<InboxEntry>> {
    return queryPage(
      deps,
      {
        indexName: 'gsi1',
        partition: { attr: 'gsi1pk', value: keys.inboxPartition(tenant, user) },
        build: (e) => ({
          sortKey: `begins_with(${e.name('gsi1sk')}, ${e.value(q.state === 'pending' ? 'P#' : 'D#')})`,
        }),
        descending: true,
      },
      q,
      (raw) => JSON.parse(String(raw.data)) as InboxEntry,
    );
  }

  // ---- rules ---------------------------------------------------------------------------
  async function getRules(): Promise<ApprovalRules | undefined> {
    const res = await deps.db.send(
      new GetCommand({ TableName, Key: keys.approvalRules(tenant), ConsistentRead: true }),
    );
    if (!res.Item) return undefined;
    return {
      rules: JSON.parse(String(res.Item.rules)) as ApprovalRuleSet,
      version: Number(res.Item.version),
      updatedAt: String(res.Item.updatedAt),
      updatedBy: String(res.Item.updatedBy),
    };
  }

  /** Replaces the rules if they are still at `expectedVersion`; `extra` rides in the same transaction. */
  async function putRules(
    rules: ApprovalRuleSet,
    expectedVersion: number,
    audit: { updatedAt: string; updatedBy: string },
    extra: (next: ApprovalRules) => TxItem[] = () => [],
  ): Promise<ApprovalRules> {
    const next: ApprovalRules = { rules, version: expectedVersion + 1, ...audit };
    await transactWrite(deps.db, [
      {
        Put: {
          TableName,
          Item: {
            ...keys.approvalRules(tenant),
            type: 'approvalRules',
            rules: JSON.stringify(rules),
            version: next.version,
            ...audit,
          },
          ...expectVersion(expectedVersion === 0 ? undefined : expectedVersion),
        },
        onConditionFailed: () =>
          versionConflict('approvalRules', 'approval-rules', expectedVersion),
      },
      ...extra(next),
    ]);
    return next;
  }

  return {
    createItems,
    transitionItems,
    commit,
    get,
    claim,
    release,
    latestOfDocument,
    notificationItem,
    notificationOutcomeItem,
    cardUpdateItem,
    getNotification,
    noticeItem,
    inbox,
    getRules,
    putRules,
  };
}

/** A notification item: the card's record, and its update kept apart (written separately). */
function notificationOf(raw: Record<string, unknown>): StoredNotification {
  const n = JSON.parse(String(raw.data)) as StoredNotification;
  return raw.cardUpdate
    ? { ...n, update: JSON.parse(String(raw.cardUpdate)) as StoredNotification['update'] }
    : n;
}

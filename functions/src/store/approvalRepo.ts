import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
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
  zApproval,
  zApprovalDecisionNotice,
  zApprovalNotification,
  zApprovalRules,
  zInboxEntry,
} from '@factory/shared';
import * as z from 'zod';
import type { Deps } from '../deps.js';
import { alreadyDecided } from '../domain/approval/index.js';
import { keys } from './keys.js';
import { queryPage } from './query.js';
import { declareRecord, text } from './records.js';
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

/** An approval as the decision side holds it: with the time of a claim on it, if any. */
export type ClaimableApproval = Approval & { claimedAt?: string };

/**
 * An approval (sk '#', indexed by its document): steps and history as JSON text (`data`) so
 * numbers round-trip exactly, with `version` and `status` also as attributes for conditions.
 * A claim bumps the `version` attribute only, so that one counts; notifications and notices
 * are records of their own.
 */
export const approvalRecord = /* @__PURE__ */ declareRecord<
  ClaimableApproval,
  { id: string; docType: string; docNo: string }
>({
  type: 'approval',
  key: (tenant, a) => keys.approval(tenant, a.id, a.docType, a.docNo),
  storage: { kind: 'json', attribute: 'data' },
  attributes: ({ notifications: _n, notices: _x, claimedAt: _c, ...rest }) => rest,
  extra: (a) => ({
    id: a.id,
    docType: a.docType,
    docNo: a.docNo,
    status: a.status,
    version: a.version,
  }),
  parse: (fields, stored) => ({
    ...zApproval.parse({ ...fields, version: Number(stored.version), notifications: [] }),
    ...(stored.claimedAt ? { claimedAt: String(stored.claimedAt) } : {}),
  }),
});

/** Where an inbox entry sits: its approver, and since when it waits (pending entries). */
type PlacedInboxEntry = InboxEntry & { user: string; since?: string };

/**
 * One approver's entry for one step of an approval (`INBOX#<step>#<user>`), indexed by the
 * approver: pending ones by the time they wait since, decided ones by the decision's time.
 */
export const inboxEntryRecord = /* @__PURE__ */ declareRecord<
  PlacedInboxEntry,
  { id: string; step: number; user: string },
  InboxEntry
>({
  type: 'inboxEntry',
  key: (tenant, e) => keys.inboxEntry(tenant, e.id, e.step, e.user, { pending: true, since: '' }),
  keys: (tenant, e) =>
    keys.inboxEntry(
      tenant,
      e.approvalId,
      e.step,
      e.user,
      e.state === 'pending'
        ? { pending: true, since: e.since ?? '' }
        : { pending: false, decidedAt: e.decidedAt ?? '' },
    ),
  storage: { kind: 'json', attribute: 'data' },
  attributes: ({ user: _u, since: _s, ...entry }) => entry,
  parse: (fields) => zInboxEntry.parse(fields),
});

const zCardUpdate = /* @__PURE__ */ zApprovalNotification.shape.update.unwrap();
const zStoredNotification = /* @__PURE__ */ zApprovalNotification.extend({
  responseCode: z.string().optional(),
  outboxId: z.string().optional(),
});

/**
 * A step's card notification (`NOTIFY#<step>`) as JSON text, its update (`cardUpdate`) kept
 * apart: the card's outcome and its update are written separately.
 */
export const notificationRecord = /* @__PURE__ */ declareRecord<
  StoredNotification & { approvalId: string },
  { approvalId: string; step: number },
  StoredNotification
>({
  type: 'approvalNotification',
  key: (tenant, n) => keys.approvalNotification(tenant, n.approvalId, n.step),
  storage: { kind: 'json', attribute: 'data' },
  attributes: ({ update: _u, approvalId: _a, ...rest }) => rest,
  extra: (n) => (n.update ? { cardUpdate: JSON.stringify(n.update) } : {}),
  parse: (fields, stored) => {
    const n = zStoredNotification.parse(fields);
    return typeof stored.cardUpdate === 'string'
      ? { ...n, update: zCardUpdate.parse(JSON.parse(stored.cardUpdate)) }
      : n;
  },
});

/** The submitter's message about one step's decision (`NOTICE#<step>`), as JSON text. */
export const decisionNoticeRecord = /* @__PURE__ */ declareRecord<
  ApprovalDecisionNotice & { approvalId: string },
  { approvalId: string; step: number },
  ApprovalDecisionNotice
>({
  type: 'approvalNotice',
  key: (tenant, n) => keys.approvalNotice(tenant, n.approvalId, n.step),
  storage: { kind: 'json', attribute: 'data' },
  attributes: ({ approvalId: _a, ...notice }) => notice,
  parse: (fields) => zApprovalDecisionNotice.parse(fields),
});

/** The tenant's approval rules (absent: the defaults), the rule set as JSON text. */
export const approvalRulesRecord = /* @__PURE__ */ declareRecord<ApprovalRules, object>({
  type: 'approvalRules',
  key: (tenant) => keys.approvalRules(tenant),
  attributes: (r) => ({ ...r, rules: JSON.stringify(r.rules) }),
  parse: (raw) =>
    zApprovalRules.parse({
      rules: typeof raw.rules === 'string' ? JSON.parse(raw.rules) : raw.rules,
      version: Number(raw.version),
      updatedAt: text(raw.updatedAt),
      updatedBy: text(raw.updatedBy),
    }),
});

/**
 * Approvals. The approval is one item (its steps and history inside, as JSON text so numbers
 * round-trip exactly) with `version` and `status` as attributes for conditions. Beside it in
 * its partition: one inbox entry per approver and step, indexed by approver (gsi1), and the
 * card notification of each step.
 */
export function approvalRepo(deps: Db, tenant: string) {
  const TableName = deps.tableName;

  function inboxItem(
    a: Approval,
    step: number,
    user: string,
    state:
      | { pending: true; since: string }
      | { pending: false; decidedAt: string; decision: 'approved' | 'rejected' },
  ): TxItem {
    const s = a.steps[step - 1]!;
    return inboxEntryRecord.put(deps, tenant, {
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
      user,
      ...(state.pending ? { since: state.since } : {}),
    });
  }

  const del = (key: { pk: string; sk: string }): TxItem => ({ Delete: { TableName, Key: key } });
  const inboxKey = (id: string, step: number, user: string) =>
    inboxEntryRecord.key(tenant, { id, step, user });

  /** A new approval and the inbox entries of its first step. */
  function createItems(a: Approval): TxItem[] {
    return [
      approvalRecord.putNew(
        deps,
        tenant,
        a,
        () => new AppError('resource.exists', `审批已存在：${a.id}`),
      ),
      ...a.steps[0]!.approvers.map((u) =>
        inboxItem(a, 1, u, { pending: true, since: a.createdAt }),
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
      approvalRecord.putAt(deps, tenant, after, before.version, () =>
        alreadyDecided({ ...before, status: 'pending' }),
      ),
    ];
    const step = before.currentStep;
    const decided = after.steps[step - 1]!;
    for (const u of before.steps[step - 1]!.approvers) {
      if (u !== decidedBy) items.push(del(inboxKey(before.id, step, u)));
    }
    if (decidedBy && (decided.status === 'approved' || decided.status === 'rejected')) {
      items.push(
        inboxItem(after, step, decidedBy, {
          pending: false,
          decidedAt: decided.decidedAt!,
          decision: decided.status,
        }),
      );
    }
    if (after.status === 'pending' && after.currentStep !== step) {
      for (const u of after.steps[after.currentStep - 1]!.approvers) {
        items.push(
          inboxItem(after, after.currentStep, u, { pending: true, since: after.updatedAt }),
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
  ): Promise<(ClaimableApproval & { stored: StoredNotification[] }) | undefined> {
    let approval: ClaimableApproval | undefined;
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
        if (raw.type === approvalRecord.type) approval = approvalRecord.read(raw);
        else if (raw.type === notificationRecord.type) stored.push(notificationRecord.read(raw));
        else if (raw.type === decisionNoticeRecord.type)
          notices.push(decisionNoticeRecord.read(raw));
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
          Key: approvalRecord.key(tenant, a),
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
        Key: approvalRecord.key(tenant, a),
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
    return notificationRecord.put(deps, tenant, { ...n, approvalId: id });
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
        Key: notificationRecord.key(tenant, { approvalId: id, step: n.step }),
        UpdateExpression: 'SET #type = :type, #data = :data',
        ExpressionAttributeNames: { '#type': 'type', '#data': 'data' },
        ExpressionAttributeValues: {
          ':type': notificationRecord.type,
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
        Key: notificationRecord.key(tenant, { approvalId: id, step }),
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
    return notificationRecord.get(deps, tenant, { approvalId: id, step });
  }

  function noticeItem(id: string, n: ApprovalDecisionNotice): TxItem {
    return decisionNoticeRecord.put(deps, tenant, { ...n, approvalId: id });
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
      inboxEntryRecord.read,
    );
  }

  // ---- rules ---------------------------------------------------------------------------
  function getRules(): Promise<ApprovalRules | undefined> {
    return approvalRulesRecord.get(deps, tenant, {});
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
      approvalRulesRecord.putAt(
        deps,
        tenant,
        next,
        expectedVersion === 0 ? undefined : expectedVersion,
        () => versionConflict('approvalRules', 'approval-rules', expectedVersion),
      ),
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

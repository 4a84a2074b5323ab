import {
  AppError,
  type FieldIssue,
  type Item,
  type Page,
  type Session,
  type TaskOrder,
  type TaskOrderCreate,
  type TaskOrderListQuery,
  type TaskOrdersFromSales,
  type TaskOrderTransition,
  cmpQty,
  invalidRequest,
  notFound,
  subQty,
  sumQty,
  versionConflict,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import { assertMove, issuedSummary, withIssued } from '../../domain/issue/index.js';
import { assigneeScope, distinctAssignees } from '../../domain/shopfloor/assignees.js';
import { DONE_TASK_ORDER_STATES, storedNamesOf } from '../../domain/states.js';
import { keys } from '../../store/keys.js';
import { badCursor, checkStartKey, isStartKeyRefusal, readCursorJson } from '../../store/paging.js';
import { getMasterRecords } from '../../store/masterDataRepo.js';
import { salesOrderRepo } from '../../store/salesOrderRepo.js';
import { nextDocumentNumber } from '../../store/sequenceRepo.js';
import { type StoredTaskOrder, taskOrderRepo } from '../../store/taskOrderRepo.js';
import { created, type Reversible } from '../../store/reversible.js';
import { completing, type CommitHooks } from '../hooks.js';
import { shanghaiDate } from '../time.js';
import { assertWorkers } from './workers.js';
import { needsAt } from './needs.js';

/** An order as picking reads it: with needs, and the `rev` receipts and work reports guard by. */
export type PickableOrder = TaskOrder & { rev?: number };

type NewOrder = Pick<
  TaskOrder,
  'item' | 'qty' | 'startDate' | 'dueDate' | 'priority' | 'trackingNo' | 'origin' | 'salesOrders'
> & { status: 'planned' | 'released'; warehouse?: string; assignees?: string[] };

async function manufacturedItem(
  deps: Deps,
  tenant: string,
  code: string,
  path: (string | number)[],
) {
  const found = await getMasterRecords(deps, tenant, { item: [code] });
  const item = (found.item as Map<string, Item>).get(code);
  const issues: FieldIssue[] = [];
  if (!item) issues.push({ path, message: `物料不存在：${code}` });
  else if (!item.active) issues.push({ path, message: `物料已停用：${code}` });
  else if (item.source !== 'manufactured')
    issues.push({ path, message: `物料 ${code} 不是自制件，不能开生产任务单` });
  if (issues.length) throw invalidRequest(issues);
  return item!;
}

/** Builds a task order with its needs from the BOM at its start date (not yet written). */
async function buildOrder(deps: Deps, s: Session, o: NewOrder): Promise<TaskOrder> {
  const { needs, bomVersion } = await needsAt(deps, s.tenant, o.item, o.qty, o.startDate, {
    required: true,
    ...(o.warehouse ? { fallbackWarehouse: o.warehouse } : {}),
    ...(o.trackingNo ? { trackingNo: o.trackingNo } : {}),
  });
  const now = deps.clock.now();
  return {
    no: await nextDocumentNumber(deps, s.tenant, 'MO', shanghaiDate(now)),
    item: o.item,
    qty: o.qty,
    received: '0',
    startDate: o.startDate,
    dueDate: o.dueDate,
    ...(o.trackingNo ? { trackingNo: o.trackingNo } : {}),
    priority: o.priority,
    status: o.status,
    ...(bomVersion ? { bomVersion } : {}),
    needs,
    issued: [],
    ...(o.salesOrders ? { salesOrders: o.salesOrders } : {}),
    ...(o.assignees?.length ? { assignees: distinctAssignees(o.assignees) } : {}),
    origin: o.origin,
    version: 1,
    createdAt: now.toISOString(),
    createdBy: s.user,
  };
}

export async function createTaskOrder(
  deps: Deps,
  s: Session,
  req: TaskOrderCreate,
  hooks: CommitHooks<TaskOrder> = {},
): Promise<TaskOrder> {
  await manufacturedItem(deps, s.tenant, req.item, ['body', 'item']);
  if (req.assignees?.length) await assertWorkers(deps, s.tenant, req.assignees);
  const order = await buildOrder(deps, s, { ...req, origin: 'manual' });
  await deps.unitOfWork.commit(
    completing(hooks, order, [taskOrderRepo(deps, s.tenant).createItem(order)]),
  );
  return order;
}

/**
 * Task orders from selected sales order lines (confirmed entered orders, or open imported
 * ones): one per line, or merged per item and tracking number (quantities summed, due at the
 * earliest line). The tracking number of an MTO line is kept. All are written together, or
 * none: more than one transaction's worth go through a reversible apply linked to the
 * request's key, so a retry after a crash takes back what was written and starts again.
 */
export async function createFromSales(
  deps: Deps,
  s: Session,
  req: TaskOrdersFromSales,
  hooks: CommitHooks<TaskOrder[]> = {},
): Promise<TaskOrder[]> {
  if (hooks.resume) await deps.unitOfWork.rollBack(s.tenant, hooks.resume);
  const repo = salesOrderRepo(deps, s.tenant);
  const issues: FieldIssue[] = [];
  const picked: {
    so: string;
    line: number;
    item: string;
    qty: string;
    dueDate: string;
    trackingNo?: string;
  }[] = [];
  const seen = new Set<string>();
  for (const [i, sel] of req.lines.entries()) {
    const at = ['body', 'lines', i];
    const key = `${sel.salesOrder}#${sel.line}`;
    if (seen.has(key)) {
      issues.push({ path: at, message: `销售订单行重复：${sel.salesOrder} 第 ${sel.line} 行` });
      continue;
    }
    seen.add(key);
    const so = await repo.get(sel.salesOrder);
    if (!so) {
      issues.push({ path: [...at, 'salesOrder'], message: `销售订单不存在：${sel.salesOrder}` });
      continue;
    }
    if (so.status !== 'confirmed') {
      issues.push({
        path: [...at, 'salesOrder'],
        message: `销售订单 ${so.no} 未确认或已关闭，不能生成生产任务单`,
      });
      continue;
    }
    const line = so.lines.find((l) => l.line === sel.line);
    if (!line) {
      issues.push({ path: [...at, 'line'], message: `销售订单 ${so.no} 没有第 ${sel.line} 行` });
      continue;
    }
    // Only what is not yet delivered is still to be made.
    const open = subQty(line.qty, line.delivered);
    if (cmpQty(open, '0') <= 0) {
      issues.push({
        path: [...at, 'line'],
        message: `销售订单 ${so.no} 第 ${sel.line} 行已全部发货，不能生成生产任务单`,
      });
      continue;
    }
    picked.push({
      so: so.no,
      line: line.line,
      item: line.item,
      qty: open,
      dueDate: line.dueDate,
      ...(line.trackingNo ? { trackingNo: line.trackingNo } : {}),
    });
  }
  if (issues.length) throw invalidRequest(issues);
  for (const [i, p] of picked.entries()) {
    await manufacturedItem(deps, s.tenant, p.item, ['body', 'lines', i, 'line']);
  }
  const groups = new Map<string, typeof picked>();
  for (const p of picked) {
    const key = req.merge === 'perItem' ? `${p.item}#${p.trackingNo ?? ''}` : `${p.so}#${p.line}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const today = shanghaiDate(deps.clock.now());
  const orders: TaskOrder[] = [];
  for (const g of groups.values()) {
    const due = g.map((p) => p.dueDate).sort()[0]!;
    const start = req.startDate ?? (today < due ? today : due);
    orders.push(
      await buildOrder(deps, s, {
        item: g[0]!.item,
        qty: sumQty(g.map((p) => p.qty)),
        startDate: start > due ? due : start,
        dueDate: due,
        priority: req.priority,
        ...(g[0]!.trackingNo ? { trackingNo: g[0]!.trackingNo } : {}),
        origin: 'sales',
        salesOrders: g.map((p) => ({ no: p.so, line: p.line })),
        status: 'released',
        ...(req.warehouse ? { warehouse: req.warehouse } : {}),
      }),
    );
  }
  const repoT = taskOrderRepo(deps, s.tenant);
  const writes: Reversible[][] = orders.map((o) => [created(repoT.createItem(o))]);
  const owner = `fromSales#${deps.newId()}`;
  await deps.unitOfWork.apply(s.tenant, owner, writes, {
    last: completing(hooks, orders, []),
    everyChunk: [],
    first: () => hooks.onStart?.(owner) ?? [],
  });
  return orders;
}

/**
 * An order ready for picking: with needs. An imported order has none until first read this
 * way: they are computed from the BOM at its start date (what it already issued spread over
 * them) and stored, guarded by its version. If another request stored them first (two
 * clerks opening the order at once), the order is read again with those.
 */
export async function orderWithNeeds(
  deps: Deps,
  tenant: string,
  stored: StoredTaskOrder,
): Promise<PickableOrder> {
  if (stored.needs) return { ...stored, needs: stored.needs };
  const { needs: fresh, bomVersion } = await needsAt(
    deps,
    tenant,
    stored.item,
    stored.qty,
    stored.startDate,
    stored.trackingNo ? { trackingNo: stored.trackingNo } : {},
  );
  const needs = withIssued(fresh, stored.issued);
  const issued = stored.issued.length ? stored.issued : issuedSummary(needs);
  const repo = taskOrderRepo(deps, tenant);
  try {
    await deps.unitOfWork.commit([
      repo.updateItem(stored, {
        needs,
        issued,
        priority: stored.priority,
        ...(bomVersion ? { bomVersion } : {}),
      }),
    ]);
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'resource.versionConflict')) throw err;
    const again = await repo.get(stored.no);
    if (!again?.needs) throw err;
    return { ...again, needs: again.needs };
  }
  return {
    ...stored,
    needs,
    issued,
    ...(bomVersion ? { bomVersion } : {}),
    version: stored.version + 1,
    rev: (stored.rev ?? 0) + 1,
  };
}

export async function getTaskOrder(deps: Deps, s: Session, no: string): Promise<TaskOrder> {
  const stored = await taskOrderRepo(deps, s.tenant).get(no);
  if (!stored) throw notFound('taskOrder', no);
  return orderWithNeeds(deps, s.tenant, stored);
}

type Section = 'open' | 'done';
/** Where a list page stopped: the section and the index key within it. */
type ListCursor = { s: Section; k?: Record<string, unknown> };

/**
 * Task orders from their index: the open ones by priority, due date and number, then the
 * done ones (completed, closed) by number; or those of one state. Each page reads only what
 * it returns (a filtered state may read a little more); the cursor names the section and the
 * index key where the page stopped.
 */
export async function listTaskOrders(
  deps: Deps,
  s: Session,
  q: TaskOrderListQuery,
): Promise<Page<TaskOrder>> {
  const repo = taskOrderRepo(deps, s.tenant);
  if (q.cursor === undefined) await repo.placeLegacy();
  const sections: Section[] = q.status
    ? [DONE_TASK_ORDER_STATES.includes(q.status) ? 'done' : 'open']
    : ['open', 'done'];
  const states = q.status ? storedNamesOf(q.status) : undefined;
  const scope = assigneeScope(s, q.assignee);
  const from = readCursor(q.cursor, sections, keys.ordersByKind(s.tenant, 'taskOrder'));
  let at = from ? sections.indexOf(from.s) : 0;
  let start = from?.k;
  const items: TaskOrder[] = [];
  let fromClient = start !== undefined;
  while (at < sections.length && items.length < q.limit) {
    // A cursor's key outside its section's key range is refused by DynamoDB: a bad cursor.
    const page = await repo
      .page(sections[at]!, q.limit - items.length, start, states, scope)
      .catch((err: unknown) => {
        throw fromClient && isStartKeyRefusal(err) ? badCursor() : err;
      });
    fromClient = false;
    items.push(...page.items.map((o) => ({ ...o, needs: o.needs ?? [] })));
    if (page.next) {
      start = page.next;
    } else {
      at += 1;
      start = undefined;
    }
  }
  const next: ListCursor | undefined =
    at < sections.length ? { s: sections[at]!, ...(start ? { k: start } : {}) } : undefined;
  return {
    items,
    nextCursor: next ? Buffer.from(JSON.stringify(next)).toString('base64url') : null,
  };
}

/** A list cursor of this tenant's task orders and one of the sections listed, or a 400. */
function readCursor(
  cursor: string | undefined,
  sections: readonly Section[],
  partition: string,
): ListCursor | undefined {
  if (cursor === undefined) return undefined;
  const c = readCursorJson(cursor) as Partial<ListCursor> | null;
  if (!c || typeof c !== 'object' || Array.isArray(c)) throw badCursor();
  if (Object.keys(c).some((k) => k !== 's' && k !== 'k')) throw badCursor();
  if (!sections.includes(c.s as Section)) throw badCursor();
  if (c.k === undefined) return { s: c.s! };
  return { s: c.s!, k: checkStartKey(c.k, [{ attr: 'gsi1pk', value: partition }]) };
}

async function transition(
  deps: Deps,
  s: Session,
  no: string,
  to: 'released' | 'closed',
  req: TaskOrderTransition,
  hooks: CommitHooks<PickableOrder>,
): Promise<PickableOrder> {
  const repo = taskOrderRepo(deps, s.tenant);
  const stored = await repo.get(no);
  if (!stored) throw notFound('taskOrder', no);
  if (req.expectedVersion !== undefined && req.expectedVersion !== stored.version) {
    throw versionConflict('taskOrder', no, req.expectedVersion);
  }
  assertMove(no, stored.status, to);
  const at = deps.clock.now().toISOString();
  const stamp =
    to === 'closed' ? { closedAt: at, closedBy: s.user } : { releasedAt: at, releasedBy: s.user };
  const result: PickableOrder = {
    ...stored,
    needs: stored.needs ?? [],
    status: to,
    version: stored.version + 1,
    rev: (stored.rev ?? 0) + 1,
  };
  await deps.unitOfWork.commit(
    completing(hooks, result, [repo.updateItem(stored, { status: to, ...stamp })]),
  );
  return result;
}

/** Release a planned order, or close one (no more picking). */
export const setTaskOrderState = (
  deps: Deps,
  s: Session,
  no: string,
  req: TaskOrderTransition,
  hooks: CommitHooks<PickableOrder> = {},
) => transition(deps, s, no, req.to, req, hooks);

import {
  AppError,
  type CostingOpening,
  type CostingOpeningInput,
  type CostPoolDefinition,
  type CostPoolInput,
  type ExpenseEntry,
  type ExpenseEntryInput,
  type FieldIssue,
  type Session,
  type WipCount,
  invalidRequest,
  notFound,
  qty,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import { inPeriod } from '../../domain/costing/index.js';
import { batchGetKeys } from '../../store/batchGet.js';
import { costingRepo } from '../../store/costingRepo.js';
import { getMasterRecords } from '../../store/masterDataRepo.js';
import { outsourcingOrderRecord } from '../../store/outsourcingOrderRepo.js';
import { taskOrderRecord } from '../../store/taskOrderRepo.js';
import { completing, type CommitHooks } from '../hooks.js';
import { boundsOf } from './bounds.js';

/** Pools of the tenant, by code. */
export async function listPools(deps: Deps, s: Session): Promise<CostPoolDefinition[]> {
  const pools = await costingRepo(deps, s.tenant).pools();
  return pools.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** Defines or changes a pool; past reports keep what they were costed with. */
export async function putPool(
  deps: Deps,
  s: Session,
  code: string,
  input: CostPoolInput,
  hooks: CommitHooks<CostPoolDefinition> = {},
): Promise<CostPoolDefinition> {
  const pool: CostPoolDefinition = {
    code,
    name: input.name,
    basis: input.basis,
    ...(input.workshop ? { workshop: input.workshop } : {}),
    active: input.active ?? true,
    updatedAt: deps.clock.now().toISOString(),
    updatedBy: s.user,
  };
  await deps.unitOfWork.commit(
    completing(hooks, pool, [costingRepo(deps, s.tenant).putPool(pool)]),
  );
  return pool;
}

/** Whether `period` is closed (its last day is on or before the lock). */
export async function isClosed(deps: Deps, tenant: string, period: string): Promise<boolean> {
  const [lock, bounds] = await Promise.all([
    costingRepo(deps, tenant).getLock(),
    boundsOf(deps, tenant, period),
  ]);
  return lock !== undefined && bounds.to <= lock.closedThrough;
}

async function refuseClosed(deps: Deps, tenant: string, period: string): Promise<void> {
  if (await isClosed(deps, tenant, period)) {
    throw new AppError('costing.periodClosed', `期间 ${period} 已关账，请先由主管反关账`, {
      period,
    });
  }
}

/** An amount entered into a pool of the period (a negative one reverses an earlier entry). */
export async function addExpense(
  deps: Deps,
  s: Session,
  period: string,
  input: ExpenseEntryInput,
  hooks: CommitHooks<ExpenseEntry> = {},
  source: ExpenseEntry['source'] = { kind: 'entered' },
): Promise<ExpenseEntry> {
  const repo = costingRepo(deps, s.tenant);
  const issues: FieldIssue[] = [];
  const [pool, bounds] = await Promise.all([
    repo.getPool(input.pool),
    boundsOf(deps, s.tenant, period),
  ]);
  if (!pool) issues.push({ path: ['body', 'pool'], message: `费用池不存在：${input.pool}` });
  else if (!pool.active)
    issues.push({ path: ['body', 'pool'], message: `费用池已停用：${input.pool}` });
  if (!inPeriod(bounds, input.date)) {
    issues.push({
      path: ['body', 'date'],
      message: `日期应在期间 ${period}（${bounds.from} 至 ${bounds.to}）内`,
    });
  }
  if (issues.length) throw invalidRequest(issues);
  await refuseClosed(deps, s.tenant, period);
  const entry: ExpenseEntry = {
    id: deps.newId(),
    period,
    pool: input.pool,
    amount: input.amount,
    date: input.date,
    ...(input.note ? { note: input.note } : {}),
    source,
    enteredBy: s.user,
    enteredAt: deps.clock.now().toISOString(),
  };
  await deps.unitOfWork.commit(
    completing(hooks, entry, [repo.addExpense(entry), repo.openCheck(bounds.to)]),
  );
  return entry;
}

/** The period's entries (of one pool), in the order entered. */
export async function listExpenses(
  deps: Deps,
  s: Session,
  period: string,
  pool?: string,
): Promise<ExpenseEntry[]> {
  const all = await costingRepo(deps, s.tenant).expenses(period);
  return all.filter((e) => pool === undefined || e.pool === pool);
}

/** A task or outsourcing order as costing needs to know it. */
async function orderFacts(
  deps: Deps,
  tenant: string,
  nos: readonly string[],
): Promise<Map<string, { qty: string; received: string; status: string }>> {
  const [tasks, outsourced] = await Promise.all([
    batchGetKeys(
      deps,
      nos.map((no) => taskOrderRecord.key(tenant, no)),
    ),
    batchGetKeys(
      deps,
      nos.map((no) => outsourcingOrderRecord.key(tenant, no)),
    ),
  ]);
  const out = new Map<string, { qty: string; received: string; status: string }>();
  for (const raw of tasks) {
    const o = taskOrderRecord.read(raw);
    out.set(o.no, { qty: o.qty, received: o.received, status: o.status });
  }
  for (const raw of outsourced) {
    const o = outsourcingOrderRecord.read(raw);
    out.set(o.no, { qty: o.qty, received: o.received, status: o.status });
  }
  return out;
}

/**
 * An order's month-end WIP count (rule 5): the quantity still in process, at most what is not
 * received yet; refused for an order that is closed or fully received.
 */
export async function setWipCount(
  deps: Deps,
  s: Session,
  period: string,
  order: string,
  input: { qty: string },
  hooks: CommitHooks<WipCount> = {},
): Promise<WipCount> {
  const facts = (await orderFacts(deps, s.tenant, [order])).get(order);
  if (!facts) throw notFound('taskOrder', order);
  const open = qty(facts.qty).minus(qty(facts.received));
  if (facts.status === 'closed' || facts.status === 'cancelled' || !open.greaterThan(0)) {
    throw new AppError('costing.invalidState', `订单 ${order} 已关闭或已全部入库，无在制品可盘点`, {
      order,
    });
  }
  if (qty(input.qty).greaterThan(open)) {
    throw invalidRequest([
      { path: ['body', 'qty'], message: `在制数量不能超过未入库数量 ${open.toFixed()}` },
    ]);
  }
  await refuseClosed(deps, s.tenant, period);
  const count: WipCount = {
    period,
    order,
    qty: qty(input.qty).toFixed(),
    enteredBy: s.user,
    enteredAt: deps.clock.now().toISOString(),
  };
  const repo = costingRepo(deps, s.tenant);
  const { to } = await boundsOf(deps, s.tenant, period);
  await deps.unitOfWork.commit(
    completing(hooks, count, [repo.putWipCount(count), repo.openCheck(to)]),
  );
  return count;
}

export function listWipCounts(deps: Deps, s: Session, period: string): Promise<WipCount[]> {
  return costingRepo(deps, s.tenant).wipCounts(period);
}

/**
 * Where costing starts (go-live): refused once a period has been costed, since every later
 * opening is the period before's closing. Items must exist; orders and pools too.
 */
export async function setOpening(
  deps: Deps,
  s: Session,
  input: CostingOpeningInput,
  hooks: CommitHooks<CostingOpening> = {},
): Promise<CostingOpening> {
  const repo = costingRepo(deps, s.tenant);
  const periods = await repo.periods();
  if (periods.some((p) => p.costedRunId !== undefined)) {
    throw new AppError('costing.invalidState', '已有期间核算过，期初成本不能再修改', {});
  }
  const [master, orders, pools] = await Promise.all([
    getMasterRecords(deps, s.tenant, { item: input.stock.map((l) => l.item) }),
    orderFacts(
      deps,
      s.tenant,
      input.wip.map((w) => w.order),
    ),
    repo.pools(),
  ]);
  const poolCodes = new Set(pools.map((p) => p.code));
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  input.stock.forEach((l, i) => {
    if (!master.item?.has(l.item))
      issues.push({ path: ['body', 'stock', i, 'item'], message: `物料不存在：${l.item}` });
    if (seen.has(l.item))
      issues.push({
        path: ['body', 'stock', i, 'item'],
        message: `物料重复：${l.item}（每个物料一行，按全部仓库合计）`,
      });
    seen.add(l.item);
  });
  input.wip.forEach((w, i) => {
    if (!orders.has(w.order))
      issues.push({ path: ['body', 'wip', i, 'order'], message: `订单不存在：${w.order}` });
    for (const code of Object.keys(w.pools ?? {})) {
      if (!poolCodes.has(code))
        issues.push({ path: ['body', 'wip', i, 'pools', code], message: `费用池不存在：${code}` });
    }
  });
  if (issues.length) throw invalidRequest(issues);
  const opening: CostingOpening = {
    ...input,
    setBy: s.user,
    setAt: deps.clock.now().toISOString(),
  };
  await repo.putOpening(opening);
  await deps.unitOfWork.commit(completing(hooks, opening, []));
  return opening;
}

export async function getOpening(deps: Deps, s: Session): Promise<CostingOpening> {
  const opening = await costingRepo(deps, s.tenant).getOpening();
  if (!opening) throw notFound('costingOpening', s.tenant);
  return opening;
}

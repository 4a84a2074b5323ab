import {
  type Item,
  type ReworkCreate,
  type Session,
  type TaskOrder,
  type Warehouse,
  invalidRequest,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import { checkRework, reworkNeeds } from '../../domain/issue/index.js';
import { getMasterRecords } from '../../store/masterDataRepo.js';
import { nextDocumentNumber } from '../../store/sequenceRepo.js';
import { taskOrderRepo } from '../../store/taskOrderRepo.js';
import type { CommitHooks } from '../hooks.js';
import { shanghaiDate } from '../time.js';

/**
 * A rework order (返修) for rejected product: its needs are the product from `rejected`
 * stock in the named warehouse and the extra repair components from available stock. It is
 * a task order like any other (states, picking, work reports, receipts); its receipt puts
 * the repaired product back without backflushing the BOM. Written in one transaction with
 * the idempotency record.
 */
export async function createRework(
  deps: Deps,
  s: Session,
  req: ReworkCreate,
  hooks: CommitHooks<TaskOrder> = {},
): Promise<TaskOrder> {
  const order = await planRework(deps, s, req);
  const repo = taskOrderRepo(deps, s.tenant);
  await deps.unitOfWork.commit([repo.createItem(order), ...(hooks.onComplete?.(order) ?? [])]);
  return order;
}

/**
 * The rework order a request makes, checked against the master data (400 naming each bad
 * field) and numbered, not yet written: quality's rework disposition writes it with its own
 * change.
 */
export async function planRework(deps: Deps, s: Session, req: ReworkCreate): Promise<TaskOrder> {
  const found = await getMasterRecords(deps, s.tenant, {
    item: [req.item, ...req.lines.map((l) => l.item)],
    warehouse: [req.warehouse, ...req.lines.map((l) => l.warehouse)],
  });
  const items = found.item as Map<string, Item>;
  const warehouses = found.warehouse as Map<string, Warehouse>;
  const repo = taskOrderRepo(deps, s.tenant);
  const source = req.sourceOrder ? await repo.get(req.sourceOrder) : undefined;
  const issues = checkRework(req, {
    item: (code) => items.get(code),
    warehouse: (code) => warehouses.get(code),
    orderItem: (no) => (source && source.no === no ? source.item : undefined),
  });
  if (issues.length) throw invalidRequest(issues);

  const now = deps.clock.now();
  const today = shanghaiDate(now);
  const startDate = req.startDate ?? (today < req.dueDate ? today : req.dueDate);
  const order: TaskOrder = {
    no: await nextDocumentNumber(deps, s.tenant, 'MO', today),
    kind: 'rework',
    item: req.item,
    qty: req.qty,
    received: '0',
    startDate,
    dueDate: req.dueDate,
    ...(req.trackingNo ? { trackingNo: req.trackingNo } : {}),
    priority: req.priority,
    status: req.status,
    needs: reworkNeeds(req, (code) => items.get(code)?.strategy),
    issued: [],
    origin: 'manual',
    rework: {
      reason: req.reason,
      warehouse: req.warehouse,
      ...(req.sourceOrder ? { sourceOrder: req.sourceOrder } : {}),
    },
    version: 1,
    createdAt: now.toISOString(),
    createdBy: s.user,
  };
  return order;
}

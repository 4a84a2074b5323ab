import type { Page, Session, TaskOrder, TaskOrderListQuery, TaskOrderView } from '@factory/shared';
import type { Deps } from '../../deps.js';
import { documentLabels } from '../labels.js';
import { getTaskOrder, listTaskOrders } from './orders.js';

/** One task order as the phone reads it: the order and the names of its items and warehouses. */
export async function getTaskOrderView(deps: Deps, s: Session, no: string): Promise<TaskOrderView> {
  const order = await getTaskOrder(deps, s, no);
  return { ...order, labels: await labelsOf(deps, s.tenant, [order]) };
}

/** A page of task orders, each with the names of its product (the list shows no needs). */
export async function listTaskOrderViews(
  deps: Deps,
  s: Session,
  q: TaskOrderListQuery,
): Promise<Page<TaskOrderView>> {
  const page = await listTaskOrders(deps, s, q);
  const labels = await documentLabels(deps, s.tenant, {
    items: page.items.map((o) => o.item),
    users: page.items.flatMap((o) => o.assignees ?? []),
  });
  return {
    ...page,
    items: page.items.map((o) => {
      const item = labels.items[o.item];
      const users = Object.fromEntries(
        (o.assignees ?? []).flatMap((u) => (labels.users?.[u] ? [[u, labels.users[u]]] : [])),
      );
      return {
        ...o,
        labels: { items: item ? { [o.item]: item } : {}, warehouses: {}, users },
      };
    }),
  };
}

function labelsOf(deps: Deps, tenant: string, orders: readonly TaskOrder[]) {
  return documentLabels(deps, tenant, {
    items: orders.flatMap((o) => [o.item, ...o.needs.map((n) => n.item)]),
    warehouses: orders.flatMap((o) => o.needs.map((n) => n.warehouse)),
    users: orders.flatMap((o) => o.assignees ?? []),
  });
}

import type { PlannedOrders, Session } from '@factory/shared';
import type { Deps } from '../../deps.js';
import { mrpRepo } from '../../store/mrpRepo.js';
import { currentResult } from './run.js';

/** Planned orders of the current run (or a given one), filtered, with what was released. */
export async function plannedOrders(
  deps: Deps,
  s: Session,
  q: { runId?: string; item?: string; type?: string },
): Promise<PlannedOrders> {
  const result = await currentResult(deps, s.tenant, q.runId);
  if (!result) return { runId: null, runDate: null, plannedOrders: [], exceptions: [] };
  const orders = result.plannedOrders.filter(
    (o) =>
      (q.item === undefined || o.item === q.item) && (q.type === undefined || o.type === q.type),
  );
  const released = await mrpRepo(deps, s.tenant).releasedOf(orders.map((o) => o.id));
  return {
    runId: result.runId,
    runDate: result.runDate,
    plannedOrders: orders.map((o) => {
      const r = released.get(o.id);
      return {
        ...o,
        released: r
          ? { document: String(r.document), kind: String(r.kind), at: String(r.at) }
          : null,
      };
    }),
    exceptions: result.exceptions.filter((e) => q.item === undefined || e.item === q.item),
  };
}

import { performance } from 'node:perf_hooks';
import type { FactoryFile, MoneySnapshot } from '@factory/shared';
import { demoSession } from '../../functions/src/auth/demoUsers.js';
import { clockStartingAt, getDeps } from '../../functions/src/deps.js';
import type { CostingInput, CostMove } from '../../functions/src/domain/costing/index.js';
import type { PlannedMove } from '../../functions/src/domain/inventory/index.js';
import { batchPut } from '../../functions/src/store/batchWrite.js';
import { type DocumentHeader, stockRepo } from '../../functions/src/store/stockRepo.js';
import { workReportRecord } from '../../functions/src/store/workReportRepo.js';
import { getPeriod, startCosting } from '../../functions/src/usecases/costing/periods.js';
import { costReport } from '../../functions/src/usecases/costing/report.js';
import { addExpense, putPool, setOpening } from '../../functions/src/usecases/costing/setup.js';
import { importFactoryFile } from '../../functions/src/usecases/imports.js';

const TENANT = 'wwbenchcost';
/** Lines per document where the month's moves are one line each (purchases, deliveries). */
const LINES_PER_DOCUMENT = 10;

const money = (price: string): MoneySnapshot => {
  const [whole, frac = ''] = price.split('.');
  return { amount: Number(`${whole}${frac.padEnd(2, '0')}`), scale: 2, currency: 'CNY' };
};

/** The month's moves as posted documents: an order's issues one pick, the rest ten a document. */
function documents(moves: readonly CostMove[]) {
  const docs: { header: DocumentHeader; moves: PlannedMove[] }[] = [];
  let n = 0;
  const open = new Map<string, { header: DocumentHeader; moves: PlannedMove[] }>();
  const header = (kind: 'receipt' | 'issue', reason: string, date: string, ref?: string) => ({
    no: `BN${String(++n).padStart(7, '0')}`,
    kind,
    date,
    reason,
    ...(ref ? { ref } : {}),
    postedAt: new Date(`${date}T10:00:00+08:00`).toISOString(),
    postedBy: 'admin',
  });
  const add = (
    group: string,
    make: () => DocumentHeader,
    move: Omit<PlannedMove, 'lineNo'>,
    lines = LINES_PER_DOCUMENT,
  ) => {
    let doc = open.get(group);
    if (!doc || doc.moves.length >= lines) {
      doc = { header: make(), moves: [] };
      docs.push(doc);
      open.set(group, doc);
    }
    doc.moves.push({ ...move, lineNo: doc.moves.length + 1 });
  };
  const at = (m: CostMove, warehouse = 'RM') => ({
    item: m.item,
    warehouse,
    status: 'available' as const,
    lot: '',
    trackingNo: '',
    qty: m.qty,
  });
  for (const m of moves) {
    switch (m.kind) {
      case 'purchase':
        add(`P${m.date}`, () => header('receipt', 'purchase', m.date), {
          ...at(m),
          unitCost: money(m.price!),
        });
        break;
      case 'issue':
        // One pick per order and day: its lines together.
        add(
          `I${m.order}${m.date}`,
          () => header('issue', 'pick', m.date),
          {
            ...at(m),
            taskOrder: m.order!,
          },
          100,
        );
        break;
      case 'output':
        docs.push({
          header: header('receipt', 'production', m.date, m.order),
          moves: [{ ...at(m, 'FG'), taskOrder: m.order!, lineNo: 1 }],
        });
        break;
      default:
        add(
          `${m.kind}${m.date}`,
          () => header('issue', m.kind === 'delivery' ? 'sales' : 'scrap', m.date),
          at(m, m.kind === 'delivery' ? 'FG' : 'RM'),
        );
    }
  }
  return docs;
}

/**
 * The same month end to end through the local runtime: the factory and its ledger are written
 * to the embedded table (not timed: the master data through the factory import, the month's
 * documents as their records), then the costing workflow runs from POST .../runs to its
 * notification, over the local Step Functions runner, and the report is read.
 */
export async function costEndToEnd(input: CostingInput): Promise<Record<string, string>> {
  const { startRuntime } = await import('../../functions/local/runtime.js');
  const runtime = await startRuntime({
    port: 0,
    outbox: { paused: true },
    clock: clockStartingAt(new Date('2026-12-02T02:00:00Z')),
  });
  try {
    const deps = getDeps();
    const admin = demoSession('admin', TENANT)!;
    const cost = demoSession('sunli', TENANT)!;
    const seeded = performance.now();
    const kind = (code: string) => (code.startsWith('RM') ? 'purchased' : 'manufactured');
    const file: FactoryFile = {
      format: 'factory/1',
      runDate: '2026-10-31',
      warehouses: [
        { code: 'RM', name: '原料仓', kind: 'normal' },
        { code: 'FG', name: '成品仓', kind: 'normal' },
      ],
      partners: [{ code: 'S1', name: '供应商', roles: ['supplier'] }],
      items: input.items.map((i) => ({
        code: i.code,
        name: i.code,
        unit: 'pcs',
        precision: 0,
        source: kind(i.code),
        strategy: 'mts',
        leadTimeDays: 0,
        safetyStock: '0',
        lotSizing: { rule: 'lotForLot' },
        defaultWarehouse: 'RM',
        ...(i.costCoefficient ? { costCoefficient: i.costCoefficient } : {}),
      })),
      taskOrders: input.orders.map((o) => ({
        no: o.no,
        item: o.item,
        qty: o.qty,
        received: '0',
        startDate: o.date,
        dueDate: '2026-11-30',
      })),
    } as FactoryFile;
    await importFactoryFile(deps, admin, file, { bomIndexes: false, checked: true });
    await setOpening(deps, cost, {
      period: input.period.id,
      stock: input.opening.stock.map((s) => ({ item: s.item, qty: s.qty, value: s.value })),
      wip: [],
    });
    for (const p of input.pools) {
      await putPool(deps, cost, p.code, { name: p.code, basis: p.basis });
      await addExpense(deps, cost, input.period.id, {
        pool: p.code,
        amount: p.amount,
        date: input.period.to,
      });
    }
    const repo = stockRepo(deps, TENANT);
    const docs = documents(input.moves);
    const items = docs.flatMap(({ header, moves }) => {
      const { head, pages } = repo.documentWrites(header, moves, 'posted');
      return [head.Put!.Item as Record<string, unknown>, ...pages];
    });
    await batchPut(deps, items);
    const reports = input.orders
      .filter((o) => o.hours && o.hours !== '0')
      .map((o) =>
        workReportRecord.item(TENANT, {
          no: `WR-${o.no}`,
          taskOrder: o.no,
          date: o.date,
          good: '0',
          scrap: '0',
          hours: o.hours!,
          worker: 'chenjie',
          createdAt: new Date(`${o.date}T10:00:00+08:00`).toISOString(),
          createdBy: 'chenjie',
        }),
      );
    await batchPut(deps, reports);
    const seedMs = performance.now() - seeded;

    const t0 = performance.now();
    await startCosting(deps, cost, input.period.id);
    await runtime.workflows.idle();
    const workflowMs = performance.now() - t0;
    const period = await getPeriod(deps, cost, input.period.id);
    if (period.run?.status !== 'completed') throw new Error(`costing failed: ${period.run?.error}`);
    const t1 = performance.now();
    const report = await costReport(deps, cost, input.period.id);
    const reportMs = performance.now() - t1;
    const steps = period.run.steps;
    const stepMs = (name: string) => {
      const i = steps.findIndex((s) => s.name === name);
      const before = i === 0 ? period.run!.requestedAt : steps[i - 1]!.at;
      return String(Date.parse(steps[i]!.at) - Date.parse(before));
    };
    return {
      'e2e documents / lines written': `${docs.length} / ${input.moves.length}`,
      'e2e seed, not timed (s)': (seedMs / 1000).toFixed(1),
      'e2e workflow, POST to notified (s)': (workflowMs / 1000).toFixed(1),
      'e2e load / compute / write / notify (ms)': ['load', 'compute', 'write', 'notify']
        .map(stepMs)
        .join(' / '),
      'e2e report read (ms)': reportMs.toFixed(0),
      'e2e reconciliation': report.reconciliation.difference,
    };
  } finally {
    await runtime.close();
  }
}

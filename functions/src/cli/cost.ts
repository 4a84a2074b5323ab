import { AppError, type CostReport, zPeriodFile } from '@factory/shared';
import { demoSession } from '../auth/demoUsers.js';
import { clockStartingAt, getDeps, useClock } from '../deps.js';
import { monthPeriod } from '../domain/costing/index.js';
import { checkPeriodFile } from '../domain/periodFile/check.js';
import { closePeriod, getPeriod, startCosting } from '../usecases/costing/periods.js';
import { costReport } from '../usecases/costing/report.js';
import { type Args, readCheckedFile, reportIssues } from './args.js';
import { loadPeriodFile } from './cost/load.js';
import { costingSetup } from './costSetup.js';

const COST_TENANT = 'wwcostfile';

/**
 * `cost FILE --json`: the period file is loaded into a throwaway in-memory store through the
 * product's use cases, the real costing workflow runs for each period in order (each closed
 * before the next, as a factory does), and the cost reports are printed (SCENARIO.md "Cost
 * report"). A bad file exits 1 listing every problem and writes nothing.
 */
export async function costCommand(args: Args): Promise<number> {
  const path = args.positional[0];
  if (!path) throw new AppError('request.invalid', '用法：cli cost FILE [--json]');
  const file = readCheckedFile(path, zPeriodFile, checkPeriodFile);
  if ('issues' in file) return reportIssues(file.issues);

  const { startRuntime } = await import('../../local/runtime.js');
  const runtime = await startRuntime({ port: 0, outbox: { paused: true } });
  try {
    const deps = getDeps();
    const cost = demoSession('sunli', COST_TENANT)!;
    try {
      await loadPeriodFile(deps, COST_TENANT, file.data, costingSetup(deps, cost));
    } catch (err) {
      if (err instanceof AppError && err.issues?.length) return reportIssues(err.issues);
      throw err;
    }
    // Costing runs once the whole file is in, on a business clock after its last period.
    const last = monthPeriod(file.data.periods.at(-1)!).to;
    useClock(clockStartingAt(new Date(Date.parse(`${last}T12:00:00+08:00`) + 86_400_000)));
    const reports: CostReport[] = [];
    for (const period of file.data.periods) {
      await startCosting(deps, cost, period);
      await runtime.workflows.idle();
      const done = await getPeriod(deps, cost, period);
      if (done.run?.status !== 'completed') {
        process.stderr.write(`期间 ${period} 成本核算失败：${done.run?.error ?? '未知原因'}\n`);
        return 1;
      }
      reports.push(await costReport(deps, cost, period));
      await closePeriod(deps, cost, period);
    }
    if (args.flags.has('json')) {
      process.stdout.write(`${JSON.stringify({ periods: reports.map(scenarioShape) }, null, 2)}\n`);
    } else {
      for (const r of reports) printText(r);
    }
    return 0;
  } finally {
    await runtime.close();
  }
}

/** The cost report as SCENARIO.md prints it (the API's report has more: names, products). */
function scenarioShape(r: CostReport) {
  return {
    period: r.period,
    items: r.items.map(({ name: _n, ...i }) => i),
    orders: r.orders.map((o) => ({
      no: o.no,
      item: o.item,
      received: o.received,
      openingWip: o.openingWip,
      material: o.material,
      pools: o.pools,
      outsourcingFee: o.outsourcingFee,
      completed: o.completed,
      unitCost: o.unitCost,
      closingWip: o.closingWip,
      loss: o.loss,
    })),
    pools: r.pools.map((p) => ({
      code: p.code,
      amount: p.amount,
      allocated: p.allocated,
      unallocated: p.unallocated,
    })),
    customerSupplied: r.customerSupplied,
    reconciliation: {
      in: r.reconciliation.in,
      out: r.reconciliation.out,
      difference: r.reconciliation.difference,
    },
  };
}

function printText(r: CostReport): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`成本计算单 ${r.period}（${r.from} 至 ${r.to}）`);
  out('订单：');
  for (const o of r.orders) {
    out(
      `  ${o.no} ${o.item} 完工 ${o.received}：期初 ${o.openingWip} 材料 ${o.material} 加工费 ${o.outsourcingFee} ` +
        `${Object.entries(o.pools)
          .map(([k, v]) => `${k} ${v}`)
          .join(
            ' ',
          )} → 完工成本 ${o.completed}（单位 ${o.unitCost ?? '—'}），期末在产品 ${o.closingWip}`,
    );
  }
  out('存货：');
  for (const i of r.items) {
    out(
      `  ${i.item} 期初 ${i.openingQty}/${i.openingValue} 收入 ${i.receiptQty}/${i.receiptValue} ` +
        `发出 ${i.outQty}/${i.outValue} 期末 ${i.closingQty}/${i.closingValue} 单位成本 ${i.unitCost ?? '—'}`,
    );
  }
  out('费用：');
  for (const p of r.pools) {
    out(`  ${p.code} 金额 ${p.amount} 已分配 ${p.allocated} 未分配 ${p.unallocated}`);
  }
  out(
    `勾稽：投入 ${r.reconciliation.in} 产出 ${r.reconciliation.out} 差额 ${r.reconciliation.difference}`,
  );
}

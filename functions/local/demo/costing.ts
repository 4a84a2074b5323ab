import { type FactoryFile, type Session, lineAmountFen, qty } from '@factory/shared';
import type { Deps } from '../../src/deps.js';
import { addExpense, setOpening } from '../../src/usecases/costing/setup.js';

/**
 * Where the demo factory's costing starts: its go-live month, what its own stock and its task
 * orders' work in process are worth on the first day, and the month's expenses so far, so the
 * manager's cost report has real numbers under `npm start` once the month is costed. Bought
 * parts at these prices (yuan, excluding VAT); made and outsourced items rolled up through
 * their BOMs, plus a tenth for conversion (outsourced: plus the processing price).
 */
const PRICES: Record<string, string> = {
  'PT-MOT40': '38.50',
  'PT-MOT40B': '36.80',
  'PT-CAP12': '1.35',
  'PT-CAP12B': '1.42',
  'PT-CONN': '0.18',
  'PT-SW4': '3.60',
  'PT-SW4B': '3.45',
  'PT-TIMER': '4.20',
  'PT-CORD': '3.80',
  'PT-WIRE': '0.65',
  'PT-HST': '0.02',
  'PT-TERM': '0.03',
  'PT-STRAIN': '0.05',
  'PT-PULLSW': '2.10',
  'PT-RCPCB': '9.80',
  'PT-REMOTE': '4.50',
  'PT-BATT': '0.35',
  'PT-HOUSF40': '4.80',
  'PT-HOUSR40': '5.20',
  'PT-OSCKNOB': '0.25',
  'PT-SPINNER': '0.40',
  'PT-RING40': '1.60',
  'PT-CLIP': '0.08',
  'PT-GNUT': '0.30',
  'PT-LOCK': '0.45',
  'PT-BASE40': '12.50',
  'PT-BASET40': '8.80',
  'PT-CBOX': '3.20',
  'PT-PP': '9.60',
  'PT-MB-WHT': '18.00',
  'PT-MB-WHT2': '26.00',
  'PT-POWDER': '28.00',
  'PT-GBOX': '6.50',
  'PT-CRANK': '1.20',
  'PT-HUB': '0.55',
  'PT-GUARDF40B': '3.10',
  'PT-GUARDR40B': '3.40',
  'PT-TUBEO40B': '2.60',
  'PT-TUBEIN40': '3.90',
  'PT-WEIGHT': '5.50',
  'PT-WALLBKT': '4.60',
  'PT-EXPBOLT': '0.90',
  'PT-SCR-412': '0.02',
  'PT-SCR-416': '0.025',
  'PT-SCR-M5': '0.04',
  'PT-CTN-FS40': '4.20',
  'PT-CTN-FS40R': '4.60',
  'PT-CTN-TS40': '3.30',
  'PT-EPS40': '1.80',
  'PT-EPS-TS40': '1.30',
  'PT-EPS-BS40': '1.40',
  'PT-MANUAL': '0.30',
  'PT-PEBAG': '0.12',
  'PT-LABEL': '0.05',
};

/** Processing prices of the outsourced items (as the demo's outsourcing price book). */
const FEES: Record<string, string> = { 'OS-TUBE40': '1.85', 'OS-GUARD40': '3.20' };

const EXPENSES = [
  { pool: 'labour', amount: '46800.00', note: '12月计件工资（预提）' },
  { pool: 'overhead', amount: '18350.00', note: '折旧、车间管理人员工资' },
  { pool: 'power', amount: '6920.00', note: '12月水电费' },
];

/** Unit costs of every item: prices, and BOM roll-ups (four decimals). */
export function demoUnitCosts(file: FactoryFile): Map<string, string> {
  const boms = new Map(file.boms?.map((b) => [b.parent, b]) ?? []);
  const cost = new Map<string, string>();
  const of = (item: string, seen: Set<string>): ReturnType<typeof qty> => {
    if (cost.has(item)) return qty(cost.get(item)!);
    if (PRICES[item]) return qty(PRICES[item]);
    const bom = boms.get(item);
    if (!bom || seen.has(item)) return qty(0);
    const next = new Set(seen).add(item);
    const material = bom.lines.reduce(
      (sum, l) =>
        sum.plus(
          of(l.component, next)
            .times(qty(l.qtyPer))
            .times(qty(1).plus(qty(l.lossRate ?? '0'))),
        ),
      qty(0),
    );
    const item_ = file.items.find((i) => i.code === item);
    // A phantom passes its parts through; made items add conversion, outsourced their fee.
    const total =
      item_?.source === 'phantom'
        ? material
        : material.times(qty('1.1')).plus(qty(FEES[item] ?? '0'));
    cost.set(item, total.toFixed(4));
    return total;
  };
  for (const i of file.items) if (i.source !== 'customerSupplied') of(i.code, new Set());
  for (const [code, price] of Object.entries(PRICES)) cost.set(code, price);
  return cost;
}

export async function seedDemoCosting(
  deps: Deps,
  admin: Session,
  file: FactoryFile,
): Promise<void> {
  const period = file.runDate.slice(0, 7);
  const unit = demoUnitCosts(file);
  const stock = new Map<string, ReturnType<typeof qty>>();
  for (const s of file.stock ?? []) {
    if (s.customer) continue; // the customer's, never ours
    stock.set(s.item, (stock.get(s.item) ?? qty(0)).plus(qty(s.qty)));
  }
  const yuan = (fen: number) => (fen / 100).toFixed(2);
  await setOpening(deps, admin, {
    period,
    stock: [...stock].map(([item, q]) => ({
      item,
      qty: q.toFixed(),
      value: yuan(lineAmountFen(q.toFixed(), unit.get(item) ?? '0')),
    })),
    wip: (file.taskOrders ?? [])
      .filter((o) => o.issued?.length && qty(o.received ?? '0').lessThan(qty(o.qty)))
      .map((o) => {
        // What was issued for the sets not received yet.
        const open = qty(o.qty)
          .minus(qty(o.received ?? '0'))
          .div(qty(o.qty));
        const fen = o.issued!.reduce(
          (sum, i) =>
            sum + lineAmountFen(qty(i.qty).times(open).toFixed(6), unit.get(i.item) ?? '0'),
          0,
        );
        return { order: o.no, material: yuan(fen) };
      }),
  });
  for (const e of EXPENSES) {
    await addExpense(deps, admin, period, { ...e, date: file.runDate });
  }
}

import type { FactoryFile } from '@factory/shared';
import { prng } from './bomGenerator.js';

type FileItem = FactoryFile['items'][number];
type FileBom = NonNullable<FactoryFile['boms']>[number];
type FileLine = FileBom['lines'][number];
type LotSizing = FileItem['lotSizing'];
type SalesOrder = NonNullable<FactoryFile['salesOrders']>[number];
type PurchaseOrder = NonNullable<FactoryFile['purchaseOrders']>[number];
type TaskOrder = NonNullable<FactoryFile['taskOrders']>[number];
type OutsourcingOrder = NonNullable<FactoryFile['outsourcingOrders']>[number];
type StockLine = NonNullable<FactoryFile['stock']>[number];

export type MrpFactoryOptions = {
  /** PRNG seed: the same seed and sizes give the same file, byte for byte. */
  seed?: number;
  /** Catalogue size: purchased parts and made items. */
  items: number;
  /** BOM lines over all BOMs, exactly. */
  lines: number;
  /** Levels: the finished goods' deepest purchased part is this many BOM lines down. */
  levels: number;
  /** Sales-order lines (the independent demand), exactly. */
  demandLines: number;
  /** Every date of the file falls in [runDate - 10, runDate + horizonDays - 1]. */
  horizonDays?: number;
  runDate?: string;
  /** Share of the catalogue that is made (manufactured, outsourced or phantom): has a BOM. */
  madeShare?: number;
  /**
   * Opening stock lines, exactly (absent: as the mix gives, about a third of the parts).
   * Fewer are taken evenly from the mix; more are added as further lots of the parts.
   */
  stockLines?: number;
};

export type MrpFactoryStats = {
  items: number;
  purchased: number;
  manufactured: number;
  outsourced: number;
  phantoms: number;
  finishedGoods: number;
  mtoItems: number;
  boms: number;
  bomLines: number;
  /** Lines whose component is itself made (sub-assemblies), and lines to purchased parts. */
  assemblyLines: number;
  partLines: number;
  linesWithSubstitutes: number;
  maxLinesPerBom: number;
  /** Parents of the most shared purchased part, and purchased parts used by 100+ parents. */
  maxParentsOfAPart: number;
  partsWith100Parents: number;
  levels: number;
  salesOrders: number;
  salesOrderLines: number;
  trackedSalesOrderLines: number;
  forecasts: number;
  purchaseOrderLines: number;
  taskOrders: number;
  outsourcingOrders: number;
  stockLines: number;
};

export type MrpFactory = { file: FactoryFile; stats: MrpFactoryStats };

/** The two sizes of the bench:mrp issue. */
export const MRP_SIZES = {
  a: { items: 20_000, lines: 100_000, levels: 6, demandLines: 2_000 },
  b: { items: 100_000, lines: 1_000_000, levels: 6, demandLines: 10_000 },
} as const satisfies Record<string, Omit<MrpFactoryOptions, 'seed'>>;

const DAY_MS = 86_400_000;
const LOSS_RATES = ['0.005', '0.01', '0.02', '0.03', '0.05'];
const PART_NAMES = ['电阻', '电容', '轴承', '线束', '外壳', '支架', '齿轮', '密封圈', '开关', '轴'];
const COMMON_NAMES = ['螺钉', '螺母', '垫圈', '弹簧垫', '铆钉', '扎带', '标签', '端子'];
const MATERIAL_NAMES = ['钢板', '铝材', '铜线', '塑料粒子', '油漆', '胶水'];
/** 2027 New Year's day and the Spring Festival week (within a 90-day horizon from December). */
const HOLIDAYS = ['2027-01-01', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10'];

type Made = {
  code: string;
  height: number;
  source: 'manufactured' | 'outsourced' | 'phantom';
  mto: boolean;
  children: string[];
};

/**
 * A synthetic factory data file for the MRP benchmark, deterministic (mulberry32, never
 * Math.random) and valid for zFactoryFile and checkFactoryFile:
 * - made items at heights 1..levels (height h uses at least one item of height h - 1 and
 *   nothing higher, so the depth is exact), the top height being the finished goods; a few
 *   phantoms (integer quantities into them) and outsourced items;
 * - purchased parts shared by many parents (common parts such as screws on most BOMs, the
 *   rest with a skewed popularity), kg materials with 3-decimal quantities, loss rates, a few
 *   substitutes;
 * - lead times 0-15 working days, every lot-sizing rule, safety stocks, stock (plannable, in
 *   inspection, customer-supplied), open purchase orders (some partly received, some late),
 *   a few task and outsourcing orders with issues, a few forecasts, and sales orders over the
 *   horizon, make-to-order ones with tracking numbers (and a little tracked stock).
 */
export function mrpFactory(options: MrpFactoryOptions): MrpFactory {
  const seed = options.seed ?? 20261201;
  const total = options.items;
  const lineTotal = options.lines;
  const levels = options.levels;
  const horizon = options.horizonDays ?? 90;
  const runDate = options.runDate ?? '2026-12-01';
  const madeShare = options.madeShare ?? 0.3;
  const random = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const chance = (p: number) => random() < p;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  const run = Date.parse(`${runDate}T00:00:00Z`);
  const day = (offset: number) => new Date(run + offset * DAY_MS).toISOString().slice(0, 10);
  const width = String(total).length;

  // ---- partners and warehouses ----------------------------------------------------------
  const suppliers = Array.from({ length: Math.max(10, Math.round(total / 500)) }, (_, i) => ({
    code: `S${pad(i + 1, 4)}`,
    name: `供应商${i + 1}`,
    roles: ['supplier' as const],
  }));
  const customers = Array.from({ length: 50 }, (_, i) => ({
    code: `C${pad(i + 1, 3)}`,
    name: `客户${i + 1}`,
    roles: ['customer' as const],
  }));
  const subcontractors = Array.from({ length: 5 }, (_, i) => ({
    code: `W${pad(i + 1, 2)}`,
    name: `外协厂${i + 1}`,
    roles: ['subcontractor' as const],
  }));
  const warehouses: FactoryFile['warehouses'] = [
    { code: 'RM', name: '原料仓', kind: 'normal' },
    { code: 'WIP', name: '半成品仓', kind: 'normal' },
    { code: 'FG', name: '成品仓', kind: 'normal' },
    { code: 'CS', name: '客供料仓', kind: 'customerSupplied' },
    { code: 'QC', name: '待检仓', kind: 'inspection' },
    { code: 'SUB-W01', name: '外协仓-外协厂1', kind: 'subcontractor' },
  ];

  // ---- made items by height ----------------------------------------------------------------
  const madeTotal = Math.round(total * madeShare);
  const purchasedTotal = total - madeTotal;
  if (levels < 2) throw new Error('at least 2 levels');
  const weights = Array.from({ length: levels + 1 }, (_, h) => (h === 0 ? 0 : 0.75 ** (h - 1)));
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const perHeight = weights.map((w) =>
    w ? Math.max(1, Math.floor((madeTotal * w) / weightSum)) : 0,
  );
  perHeight[1]! += madeTotal - perHeight.reduce((a, b) => a + b, 0);
  if (perHeight.some((c, h) => h > 0 && c < 1))
    throw new Error('too few made items for the levels');
  const byHeight: Made[][] = Array.from({ length: levels + 1 }, () => []);
  const madeByCode = new Map<string, Made>();
  for (let h = 1; h <= levels; h++) {
    for (let i = 1; i <= perHeight[h]!; i++) {
      const top = h === levels;
      const source = top
        ? 'manufactured'
        : chance(0.06)
          ? 'phantom'
          : h <= levels - 2 && chance(0.04)
            ? 'outsourced'
            : 'manufactured';
      const prefix = top
        ? 'FG'
        : source === 'phantom'
          ? `X${h}`
          : source === 'outsourced'
            ? `W${h}`
            : `M${h}`;
      const m: Made = {
        code: `${prefix}-${pad(i, width)}`,
        height: h,
        source,
        mto: source !== 'phantom' && (top ? chance(0.3) : h >= levels - 2 && chance(0.05)),
        children: [],
      };
      byHeight[h]!.push(m);
      madeByCode.set(m.code, m);
    }
  }
  const made = byHeight.flat();

  // ---- purchased parts ------------------------------------------------------------------------
  const purchased: string[] = [];
  const kg = new Set<string>();
  const commonCount = Math.max(20, Math.round(purchasedTotal * 0.015));
  const items: FileItem[] = [];
  for (let i = 1; i <= purchasedTotal; i++) {
    const code = `P-${pad(i, width)}`;
    const common = i <= commonCount;
    const material = !common && chance(0.15);
    if (material) kg.add(code);
    purchased.push(code);
    items.push({
      code,
      name: common
        ? `${COMMON_NAMES[i % COMMON_NAMES.length]} M${2 + (i % 6)}x${4 + (i % 30)}`
        : `${pick(material ? MATERIAL_NAMES : PART_NAMES)}${i}`,
      unit: material ? 'kg' : 'pcs',
      precision: material ? 3 : 0,
      source: 'purchased',
      strategy: !common && chance(0.005) ? 'mto' : 'mts',
      leadTimeDays: chance(0.1) ? int(0, 2) : int(3, 15),
      safetyStock: !chance(0.4)
        ? '0'
        : material
          ? `${int(1, 200)}.5`
          : String(common ? int(500, 5000) : int(10, 500)),
      lotSizing: purchasedLot(material),
      defaultWarehouse: 'RM',
      defaultSupplier: pick(suppliers).code,
    });
  }
  function purchasedLot(material: boolean): LotSizing {
    const r = random();
    if (r < 0.35) return { rule: 'lotForLot' };
    if (r < 0.6) return { rule: 'period', days: pick([5, 7, 10, 14]) };
    if (r < 0.8)
      return material
        ? { rule: 'minMultiple', min: String(int(1, 20) * 5), multiple: '0.5' }
        : {
            rule: 'minMultiple',
            min: String(int(1, 10) * 100),
            multiple: String(pick([10, 25, 50, 100])),
          };
    return {
      rule: 'fixed',
      qty: material ? `${int(1, 40) * 25}` : String(pick([100, 500, 1000, 5000])),
    };
  }
  function madeLot(source: Made['source']): LotSizing {
    if (source === 'phantom') return { rule: 'lotForLot' };
    const r = random();
    if (r < 0.5) return { rule: 'lotForLot' };
    if (r < 0.75) return { rule: 'period', days: pick([3, 5, 7]) };
    if (r < 0.9)
      return { rule: 'minMultiple', min: String(int(1, 5) * 10), multiple: String(pick([5, 10])) };
    return { rule: 'fixed', qty: String(pick([20, 50, 100])) };
  }
  for (const m of made) {
    const top = m.height === levels;
    const phantom = m.source === 'phantom';
    items.push({
      code: m.code,
      name: `${top ? '成品' : phantom ? '虚拟件' : m.source === 'outsourced' ? '外协件' : '部件'}${m.code}`,
      unit: 'pcs',
      precision: 0,
      source: m.source,
      strategy: m.mto ? 'mto' : 'mts',
      leadTimeDays: phantom ? 0 : m.source === 'outsourced' ? int(3, 15) : int(0, 5),
      safetyStock: phantom || m.mto || !chance(0.15) ? '0' : String(int(1, 30)),
      lotSizing: madeLot(m.source),
      ...(phantom ? {} : { defaultWarehouse: top ? 'FG' : 'WIP' }),
      ...(m.source === 'outsourced' ? { defaultSupplier: pick(subcontractors).code } : {}),
    });
  }

  // ---- structure: assemblies ------------------------------------------------------------------
  // Every item below the top hangs under a random item one height up; every item above
  // height 1 then has a child one height down (exact depth); a quarter of them also use one
  // or two lower sub-assemblies (shared sub-assemblies).
  for (let h = 1; h < levels; h++)
    for (const c of byHeight[h]!) pick(byHeight[h + 1]!).children.push(c.code);
  for (let h = 2; h <= levels; h++) {
    for (const p of byHeight[h]!) {
      if (!p.children.some((c) => madeByCode.get(c)!.height === h - 1))
        p.children.push(pick(byHeight[h - 1]!).code);
      if (chance(0.25)) {
        for (let k = int(1, 2); k > 0; k--) {
          const c = pick(byHeight[int(Math.max(1, h - 3), h - 1)]!).code;
          if (!p.children.includes(c)) p.children.push(c);
        }
      }
    }
  }
  const assemblyLines = made.reduce((n, m) => n + m.children.length, 0);

  // ---- structure: purchased parts, exactly up to `lines` ---------------------------------------
  const partLines = lineTotal - assemblyLines;
  if (partLines < made.length)
    throw new Error(`${lineTotal} lines leave fewer than one purchased line per BOM`);
  const bomWeight = made.map(
    (m) =>
      (0.2 + 3 * random() ** 2) * (m.height === 1 ? 1.5 : 1) * (m.source === 'phantom' ? 0.5 : 1),
  );
  const weightTotal = bomWeight.reduce((a, b) => a + b, 0);
  const extra = partLines - made.length;
  const partCount = bomWeight.map((w) => 1 + Math.floor((extra * w) / weightTotal));
  let short = partLines - partCount.reduce((a, b) => a + b, 0);
  for (let k = 0; short > 0; k = (k + 7919) % made.length, short--) partCount[k]!++;
  // Common parts (the first 1.5%) are on a third of all part lines, heavily skewed; the rest
  // of the catalogue has a milder skew, so some parts have hundreds of users and some none.
  const partPick = () =>
    chance(0.35)
      ? purchased[Math.floor(commonCount * random() ** 2)]!
      : purchased[Math.floor(purchasedTotal * random() ** 1.3)]!;
  made.forEach((m, k) => {
    const want = m.children.length + partCount[k]!;
    if (partCount[k]! > purchasedTotal / 2) throw new Error('BOMs too wide for the catalogue');
    const seen = new Set(m.children);
    for (let misses = 0; seen.size < want;) {
      const c = misses > 20 ? pick(purchased) : partPick();
      if (seen.has(c)) misses++;
      else {
        seen.add(c);
        m.children.push(c);
        misses = 0;
      }
    }
  });

  // ---- BOM lines -------------------------------------------------------------------------------
  const nonCommonPcs = purchased.filter((p, i) => i >= commonCount && !kg.has(p));
  const commonSet = new Set(purchased.slice(0, commonCount));
  const users = new Map<string, number>();
  let linesWithSubstitutes = 0;
  const lineFor = (component: string): FileLine => {
    const sub = madeByCode.get(component);
    if (sub) {
      // Into a phantom: whole numbers, no loss (a phantom passes its parent's quantities on).
      if (sub.source === 'phantom') return { component, qtyPer: String(chance(0.9) ? 1 : 2) };
      return {
        component,
        qtyPer: String(chance(0.8) ? 1 : int(2, 3)),
        ...(chance(0.05) ? { lossRate: '0.01' } : {}),
      };
    }
    users.set(component, (users.get(component) ?? 0) + 1);
    if (kg.has(component)) {
      return {
        component,
        qtyPer: (int(1, 2000) / 1000).toFixed(3).replace(/\.?0+$/, ''),
        ...(chance(0.3) ? { lossRate: pick(['0.01', '0.02', '0.05']) } : {}),
      };
    }
    const common = commonSet.has(component);
    const line: FileLine = {
      component,
      qtyPer: String(common ? int(2, 12) : chance(0.7) ? 1 : int(2, 6)),
    };
    if (chance(0.25)) line.lossRate = pick(LOSS_RATES);
    if (common && chance(0.5)) line.issueMethod = 'backflush';
    if (!common && chance(0.005)) {
      const substitute = pick(nonCommonPcs);
      if (substitute !== component) {
        line.substitutes = [{ item: substitute, priority: 1, ratio: chance(0.8) ? '1' : '2' }];
        linesWithSubstitutes++;
      }
    }
    return line;
  };
  const boms: FileBom[] = made.map((m) => ({
    parent: m.code,
    version: 'V1',
    lines: m.children.map(lineFor),
  }));

  // ---- sales orders: exactly `demandLines` lines over the horizon -------------------------------
  const finished = byHeight[levels]!;
  const spares = made.filter((m) => m.source === 'manufactured' && m.height < levels);
  const salesOrders: SalesOrder[] = [];
  const tracked: { item: string; trackingNo: string }[] = [];
  let trackedLines = 0;
  for (let n = 1, left = options.demandLines; left > 0; n++) {
    const no = `SO-${pad(n, 6)}`;
    const lines: SalesOrder['lines'] = [];
    const seen = new Set<string>();
    for (let k = Math.min(left, int(1, 4)); k > 0; k--) {
      // Popular products sell more; one line in 20 is a spare part (a sub-assembly or a part).
      const spare = chance(0.05);
      const item = spare
        ? chance(0.5)
          ? pick(spares)
          : undefined
        : finished[Math.floor(finished.length * random() ** 1.5)];
      const code = item?.code ?? pick(nonCommonPcs);
      if (seen.has(code)) continue;
      seen.add(code);
      const overdue = chance(0.02);
      const mto = item?.mto ?? false;
      lines.push({
        item: code,
        qty: String(mto ? int(1, 50) : int(1, 200)),
        dueDate: day(overdue ? -int(1, 5) : int(1, horizon - 1)),
        ...(mto ? { trackingNo: no } : {}),
      });
      if (mto) {
        trackedLines++;
        tracked.push({ item: code, trackingNo: no });
      }
    }
    if (!lines.length) {
      n--;
      continue;
    }
    left -= lines.length;
    salesOrders.push({ no, customer: pick(customers).code, lines });
  }

  // ---- forecasts: a few make-to-stock products, per week or per month --------------------------
  const forecasts: NonNullable<FactoryFile['forecasts']> = [];
  const forecastKeys = new Set<string>();
  const mtsFinished = finished.filter((m) => !m.mto);
  for (let k = Math.max(5, Math.round(total / 500)); k > 0; k--) {
    const item = pick(mtsFinished).code;
    const monthly = chance(0.4);
    const from = monthly ? 30 * int(0, 2) : 7 * int(0, 11);
    const key = `${item}@${from}`;
    if (forecastKeys.has(key)) continue;
    forecastKeys.add(key);
    forecasts.push({
      item,
      from: day(from),
      to: day(Math.min(horizon - 1, from + (monthly ? 29 : 6))),
      qty: String(int(5, 100) * 10),
    });
  }

  // ---- open purchase orders: a tenth of the parts have one line, a few are late or partly in ----
  const qtyOf = (code: string, lo: number, hi: number) =>
    kg.has(code)
      ? `${int(lo, hi)}.${pad(int(0, 999), 3)}`.replace(/\.?0+$/, '')
      : String(int(lo, hi));
  const purchaseOrders: PurchaseOrder[] = [];
  const poParts = purchased.filter(() => chance(0.1));
  for (let i = 0, n = 1; i < poParts.length; n++) {
    const lines: PurchaseOrder['lines'] = [];
    for (let k = int(1, 8); k > 0 && i < poParts.length; k--) {
      const item = poParts[i++]!;
      const ordered = Number(qtyOf(item, 50, 5000));
      const partly = chance(0.15);
      lines.push({
        item,
        qty: String(ordered),
        ...(partly
          ? {
              received: String(
                kg.has(item) ? Math.floor(ordered * 300) / 1000 : Math.floor(ordered * 0.3),
              ),
            }
          : {}),
        dueDate: day(chance(0.05) ? -int(1, 10) : int(0, 60)),
      });
    }
    purchaseOrders.push({ no: `PO-${pad(n, 6)}`, supplier: pick(suppliers).code, lines });
  }

  // ---- a few open task and outsourcing orders, some with components issued ---------------------
  const issuedOf = (m: Made, qty: number) =>
    chance(0.5)
      ? []
      : m.children
          .filter((c) => madeByCode.get(c)?.source !== 'phantom')
          .slice(0, int(1, 3))
          .map((c) => ({ item: c, qty: kg.has(c) ? `${int(1, 50)}.5` : String(int(1, qty)) }));
  const workOrder = (m: Made, no: string) => {
    const qty = int(1, 20) * 10;
    const start = int(-10, 10);
    return {
      no,
      item: m.code,
      qty: String(qty),
      ...(chance(0.3) ? { received: String(Math.floor(qty / 4)) } : {}),
      startDate: day(start),
      dueDate: day(start + int(1, 10)),
      issued: issuedOf(m, qty),
    };
  };
  const taskCandidates = made.filter((m) => m.source === 'manufactured' && !m.mto);
  const taskOrders: TaskOrder[] = Array.from(
    { length: Math.max(5, Math.round(total / 1000)) },
    (_, i) => workOrder(pick(taskCandidates), `MO-${pad(i + 1, 5)}`),
  );
  const outsourced = made.filter((m) => m.source === 'outsourced');
  const outsourcingOrders: OutsourcingOrder[] = outsourced.length
    ? Array.from({ length: Math.max(2, Math.round(total / 4000)) }, (_, i) => ({
        ...workOrder(pick(outsourced), `WX-${pad(i + 1, 5)}`),
        supplier: pick(subcontractors).code,
      }))
    : [];

  // ---- stock: a third of the parts, some assemblies, some tracked finished goods ----------------
  const stock: StockLine[] = [];
  for (const p of purchased) {
    if (chance(0.35)) stock.push({ item: p, warehouse: 'RM', qty: qtyOf(p, 1, 3000) });
    if (chance(0.02))
      stock.push({ item: p, warehouse: 'QC', qty: qtyOf(p, 1, 500), status: 'inspection' });
    // Stock in the customer-supplied warehouse names its owner (no draw: the data stays the same).
    if (chance(0.005))
      stock.push({ item: p, warehouse: 'CS', qty: qtyOf(p, 1, 500), customer: customers[0]!.code });
    if (chance(0.002)) stock.push({ item: p, warehouse: 'SUB-W01', qty: qtyOf(p, 1, 100) });
  }
  for (const m of made) {
    if (m.source === 'phantom' || m.mto) continue;
    if (chance(0.2))
      stock.push({
        item: m.code,
        warehouse: m.height === levels ? 'FG' : 'WIP',
        qty: String(int(1, 100)),
      });
  }
  const trackedStock = new Set<string>();
  for (const t of tracked) {
    if (!chance(0.1) || trackedStock.has(`${t.item}@${t.trackingNo}`)) continue;
    trackedStock.add(`${t.item}@${t.trackingNo}`);
    const finishedGood = madeByCode.get(t.item)?.height === levels;
    stock.push({
      item: t.item,
      warehouse: finishedGood ? 'FG' : 'WIP',
      qty: String(int(1, 20)),
      trackingNo: t.trackingNo,
    });
  }

  if (options.stockLines !== undefined) {
    const wanted = options.stockLines;
    if (stock.length > wanted) {
      // Evenly thinned, so that every kind of stock line stays in the mix.
      const all = stock.splice(0);
      for (let j = 0; j < wanted; j++) stock.push(all[Math.floor((j * all.length) / wanted)]!);
    }
    // Further lots of plannable parts, one per part in turn, until the count is reached.
    for (let n = 0, lot = 1; stock.length < wanted; n++) {
      if (n === purchased.length) {
        n = 0;
        lot++;
      }
      const p = purchased[n]!;
      stock.push({ item: p, warehouse: 'RM', qty: qtyOf(p, 1, 3000), lot: `L${pad(lot, 3)}` });
    }
  }

  const file: FactoryFile = {
    format: 'factory/1',
    runDate,
    calendar: { nonWorkingWeekdays: [7], holidays: HOLIDAYS },
    warehouses,
    partners: [...suppliers, ...customers, ...subcontractors],
    items,
    boms,
    stock,
    purchaseOrders,
    taskOrders,
    outsourcingOrders,
    salesOrders,
    forecasts,
  };
  const partUsers = [...users.values()];
  const stats: MrpFactoryStats = {
    items: items.length,
    purchased: purchasedTotal,
    manufactured: made.filter((m) => m.source === 'manufactured').length,
    outsourced: outsourced.length,
    phantoms: made.filter((m) => m.source === 'phantom').length,
    finishedGoods: finished.length,
    mtoItems: items.filter((i) => i.strategy === 'mto').length,
    boms: boms.length,
    bomLines: boms.reduce((n, b) => n + b.lines.length, 0),
    assemblyLines,
    partLines,
    linesWithSubstitutes,
    maxLinesPerBom: Math.max(...boms.map((b) => b.lines.length)),
    maxParentsOfAPart: Math.max(...partUsers),
    partsWith100Parents: partUsers.filter((u) => u >= 100).length,
    levels: structureDepth(file),
    salesOrders: salesOrders.length,
    salesOrderLines: salesOrders.reduce((n, s) => n + s.lines.length, 0),
    trackedSalesOrderLines: trackedLines,
    forecasts: forecasts.length,
    purchaseOrderLines: purchaseOrders.reduce((n, p) => n + p.lines.length, 0),
    taskOrders: taskOrders.length,
    outsourcingOrders: outsourcingOrders.length,
    stockLines: stock.length,
  };
  return { file, stats };
}

/** The longest chain of BOM lines from any item down to a purchased part. */
export function structureDepth(file: FactoryFile): number {
  const byParent = new Map((file.boms ?? []).map((b) => [b.parent, b]));
  const depth = new Map<string, number>();
  const depthOf = (item: string): number => {
    const known = depth.get(item);
    if (known !== undefined) return known;
    const bom = byParent.get(item);
    let d = 0;
    for (const l of bom?.lines ?? []) d = Math.max(d, 1 + depthOf(l.component));
    depth.set(item, d);
    return d;
  };
  let max = 0;
  for (const parent of byParent.keys()) max = Math.max(max, depthOf(parent));
  return max;
}

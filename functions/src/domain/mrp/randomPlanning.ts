// Test builders for net change (netChange.test.ts): small random factories and the events that
// change their planning data, from a seeded generator (no clock, no Math.random), so a failing
// seed replays exactly.
import type { LotSizing } from '@factory/shared';
import { dateOf, dayNumber } from './calendar.js';
import type { MrpBomVersion, MrpInput, MrpItem, MrpWorkOrder } from './types.js';

export type Rnd = {
  (): number;
  int(lo: number, hi: number): number;
  pick<T>(list: readonly T[]): T;
  chance(p: number): boolean;
};

/** mulberry32: small, fast, and the same sequence everywhere. */
export function seeded(seed: number): Rnd {
  let a = seed >>> 0;
  const next = (() => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }) as Rnd;
  next.int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  next.pick = (list) => list[Math.floor(next() * list.length)]!;
  next.chance = (p) => next() < p;
  return next;
}

export const RUN_DATE = '2026-12-01';
const RUN = dayNumber(RUN_DATE);
const day = (rnd: Rnd, from: number, to: number) => dateOf(RUN + rnd.int(from, to));
const qtyFor = (rnd: Rnd, it: MrpItem, lo: number, hi: number): string => {
  const whole = rnd.int(lo, hi);
  if (it.precision === 0 || rnd.chance(0.6)) return String(whole);
  return `${whole}.${rnd.int(1, 9)}`;
};

/**
 * A factory of 2–4 levels: made or outsourced items on top, phantoms and made items between,
 * bought and customer-supplied parts at the bottom; BOMs only point down (no cycles), some
 * with two dated versions and substitutes; MTO items; every lot-sizing rule; scrap; stock,
 * open purchase and task orders, sales lines and forecasts.
 */
export function randomFactory(rnd: Rnd): MrpInput {
  const levels: MrpItem[][] = [];
  const depth = rnd.int(2, 4);
  for (let lv = 0; lv < depth; lv++) {
    const count = lv === 0 ? rnd.int(1, 3) : rnd.int(2, 4);
    const row: MrpItem[] = [];
    for (let k = 0; k < count; k++) {
      const code = `L${lv}${String.fromCharCode(65 + k)}`;
      const last = lv === depth - 1;
      const source: MrpItem['source'] = last
        ? rnd.chance(0.85)
          ? 'purchased'
          : 'customerSupplied'
        : lv === 0
          ? rnd.chance(0.85)
            ? 'manufactured'
            : 'outsourced'
          : rnd.pick(['manufactured', 'manufactured', 'phantom', 'outsourced'] as const);
      row.push({
        code,
        source,
        strategy: source !== 'phantom' && rnd.chance(0.2) ? 'mto' : 'mts',
        leadTimeDays: rnd.int(0, 4),
        safetyStock: rnd.chance(0.25) ? String(rnd.int(1, 8)) : '0',
        lotSizing: randomLot(rnd),
        precision: rnd.pick([0, 0, 1, 2]),
        ...(source === 'purchased' || source === 'outsourced' ? { defaultSupplier: 'S1' } : {}),
        ...(source === 'customerSupplied' ? { customer: 'C1' } : {}),
      });
    }
    levels.push(row);
  }
  const items = levels.flat();
  const boms = new Map<string, MrpBomVersion[]>();
  levels.forEach((row, lv) => {
    if (lv === depth - 1) return;
    const below = levels.slice(lv + 1).flat();
    for (const it of row) boms.set(it.code, randomVersions(rnd, below, levels[depth - 1]!));
  });

  const input: MrpInput = {
    runDate: RUN_DATE,
    horizonDays: rnd.pick([30, 45, 60]),
    calendar: {
      nonWorkingWeekdays: [6, 7],
      holidays: rnd.chance(0.5) ? ['2026-12-25'] : [],
      ...(rnd.chance(0.3) ? { extraWorkingDays: ['2026-12-12'] } : {}),
    },
    items,
    boms,
    stock: [],
    purchaseOrders: [],
    workOrders: [],
    salesOrders: [],
    forecasts: [],
  };
  let n = 0;
  const no = (prefix: string) => `${prefix}-${++n}`;
  for (const it of items) {
    if (it.source === 'phantom' ? rnd.chance(0.2) : rnd.chance(0.45))
      input.stock = [...input.stock, { item: it.code, qty: qtyFor(rnd, it, 1, 40) }];
    if (it.strategy === 'mto' && rnd.chance(0.4))
      input.stock = [
        ...input.stock,
        { item: it.code, qty: qtyFor(rnd, it, 1, 10), trackingNo: 'SO-1' },
      ];
  }
  // Substitutes serve only from free stock (after all demand known on them): give most of
  // them plenty, or they would hardly ever be used.
  const subs = new Set(
    [...boms.values()]
      .flat()
      .flatMap((v) => v.lines.flatMap((l) => l.substitutes.map((x) => x.item))),
  );
  for (const code of subs) {
    if (rnd.chance(0.7))
      input.stock = [...input.stock, { item: code, qty: String(rnd.int(40, 160)) }];
  }
  for (let k = rnd.int(0, 3); k > 0; k--)
    input.purchaseOrders = [...input.purchaseOrders, aPurchase(rnd, input, no('PO'))];
  for (let k = rnd.int(0, 2); k > 0; k--) {
    const wo = aWorkOrder(rnd, input, no('MO'));
    if (wo) input.workOrders = [...input.workOrders, wo];
  }
  for (let k = rnd.int(1, 5); k > 0; k--)
    input.salesOrders = [...input.salesOrders, aSalesLine(rnd, input, no('SO'))];
  for (let k = rnd.int(0, 2); k > 0; k--)
    input.forecasts = [...input.forecasts, aForecast(rnd, input)];
  return input;
}

function randomLot(rnd: Rnd): LotSizing {
  const r = rnd();
  if (r < 0.5) return { rule: 'lotForLot' };
  if (r < 0.65) return { rule: 'fixed', qty: rnd.pick(['10', '25', '2.5']) };
  if (r < 0.8)
    return { rule: 'minMultiple', min: rnd.pick(['5', '20']), multiple: rnd.pick(['5', '1']) };
  return { rule: 'period', days: rnd.int(2, 7) };
}

function randomLines(rnd: Rnd, below: readonly MrpItem[], leaves: readonly MrpItem[]) {
  const chosen = new Set<string>();
  for (let k = rnd.int(1, 3); k > 0; k--) chosen.add(rnd.pick(below).code);
  return [...chosen].map((component) => {
    // Mostly parts; sometimes an item with parents of its own, whose demand comes first.
    const pool = rnd.chance(0.7) ? leaves : below;
    const subs = pool.filter((l) => l.code !== component && l.source !== 'phantom');
    return {
      component,
      qtyPer: rnd.pick(['1', '1', '2', '0.5', '1.25', '3']),
      lossRate: rnd.chance(0.25) ? rnd.pick(['0.02', '0.1']) : '0',
      substitutes:
        subs.length && rnd.chance(0.3)
          ? [{ item: rnd.pick(subs).code, priority: 1, ratio: rnd.pick(['1', '2', '0.5']) }]
          : [],
    };
  });
}

function randomVersions(
  rnd: Rnd,
  below: readonly MrpItem[],
  leaves: readonly MrpItem[],
): MrpBomVersion[] {
  if (!rnd.chance(0.15)) return [{ version: 'V1', lines: randomLines(rnd, below, leaves) }];
  const cut = RUN + rnd.int(3, 20);
  return [
    { version: 'V1', to: dateOf(cut), lines: randomLines(rnd, below, leaves) },
    { version: 'V2', from: dateOf(cut + 1), lines: randomLines(rnd, below, leaves) },
  ];
}

const itemsOf = (input: MrpInput, where: (it: MrpItem) => boolean) => input.items.filter(where);
const trackFor = (rnd: Rnd, it: MrpItem) =>
  it.strategy === 'mto' && rnd.chance(0.7) ? { trackingNo: rnd.pick(['SO-1', 'SO-2', 'T9']) } : {};

function aPurchase(rnd: Rnd, input: MrpInput, no: string): MrpInput['purchaseOrders'][number] {
  const it = rnd.pick(itemsOf(input, (i) => i.source !== 'phantom'));
  return {
    no,
    supplier: 'S1',
    item: it.code,
    qty: qtyFor(rnd, it, 1, 60),
    dueDate: day(rnd, -4, 50),
    ...trackFor(rnd, it),
  };
}

function aWorkOrder(rnd: Rnd, input: MrpInput, no: string): MrpWorkOrder | undefined {
  const made = itemsOf(input, (i) => i.source === 'manufactured' || i.source === 'outsourced');
  if (!made.length) return undefined;
  const it = rnd.pick(made);
  const start = rnd.int(-3, 25);
  const bomLines = input.boms.get(it.code)?.[0]?.lines ?? [];
  const needs =
    rnd.chance(0.5) && bomLines.length
      ? bomLines
          .filter((l) => input.items.find((i) => i.code === l.component)?.source !== 'phantom')
          .map((l) => ({ item: l.component, qty: String(rnd.int(1, 30)) }))
      : undefined;
  // Needs copied from a BOM since changed (or a rework order's repair parts): not BOM lines.
  const leaves = itemsOf(input, (i) => i.source === 'purchased');
  if (needs && leaves.length && rnd.chance(0.4))
    needs.push({ item: rnd.pick(leaves).code, qty: String(rnd.int(1, 9)) });
  return {
    no,
    kind: it.source === 'outsourced' ? 'outsourcing' : 'task',
    item: it.code,
    qty: String(rnd.int(2, 40)),
    received: '0',
    startDate: dateOf(RUN + start),
    dueDate: dateOf(RUN + start + rnd.int(0, 6)),
    ...(it.source === 'outsourced' ? { supplier: 'S1' } : {}),
    ...trackFor(rnd, it),
    issued: [],
    ...(needs ? { needs } : {}),
  };
}

function aSalesLine(rnd: Rnd, input: MrpInput, no: string): MrpInput['salesOrders'][number] {
  const it = rnd.pick(
    itemsOf(input, (i) => i.source !== 'phantom' && (i.code.startsWith('L0') || rnd.chance(0.3))),
  );
  return {
    no,
    line: 1,
    item: it.code,
    qty: qtyFor(rnd, it, 1, 50),
    dueDate: day(rnd, -3, 70),
    ...(it.strategy === 'mto' && rnd.chance(0.5) ? { trackingNo: rnd.pick(['SO-1', 'SO-2']) } : {}),
  };
}

function aForecast(rnd: Rnd, input: MrpInput): MrpInput['forecasts'][number] {
  const it = rnd.pick(itemsOf(input, (i) => i.source !== 'phantom'));
  const from = RUN + rnd.int(-5, 30);
  return {
    item: it.code,
    from: dateOf(from),
    to: dateOf(from + rnd.int(6, 30)),
    qty: String(rnd.int(5, 80)),
  };
}

/** An event on the planning data: the data after it, and the items it marks. */
export type PlanningEvent = { name: string; input: MrpInput; marks: string[] };

/**
 * One random event, as the application records it: each marks the items whose own data it
 * changes (a BOM change: the parent only; an item master change: nothing, net change finds it
 * by comparing with the previous input). Never mutates `input`.
 */
export function randomEvent(rnd: Rnd, input: MrpInput, serial: number): PlanningEvent {
  const no = (prefix: string) => `${prefix}-E${serial}`;
  const replaceAt = <T>(list: readonly T[], k: number, value: T | undefined): T[] =>
    value === undefined
      ? list.filter((_, j) => j !== k)
      : list.map((x, j) => (j === k ? value : x));
  const itemOf = (code: string) => input.items.find((i) => i.code === code)!;
  for (;;) {
    const kind = rnd.int(0, 13);
    switch (kind) {
      case 0: {
        const line = aSalesLine(rnd, input, no('SO'));
        return {
          name: `order confirmed ${line.item}`,
          input: { ...input, salesOrders: [...input.salesOrders, line] },
          marks: [line.item],
        };
      }
      case 1:
      case 2:
      case 3: {
        if (!input.salesOrders.length) continue;
        const k = rnd.int(0, input.salesOrders.length - 1);
        const line = input.salesOrders[k]!;
        const it = itemOf(line.item);
        const next =
          kind === 1
            ? { ...line, qty: qtyFor(rnd, it, 1, 50), dueDate: day(rnd, -3, 70) }
            : kind === 2
              ? undefined
              : { ...line, delivered: String(rnd.int(0, Math.floor(Number(line.qty)))) };
        const name = ['', 'order changed', 'order cancelled', 'order delivered'][kind]!;
        return {
          name: `${name} ${line.item}`,
          input: { ...input, salesOrders: replaceAt(input.salesOrders, k, next) },
          marks: [line.item],
        };
      }
      case 4: {
        const wo = aWorkOrder(rnd, input, no('MO'));
        if (!wo) continue;
        return {
          name: `task order released ${wo.item}`,
          input: { ...input, workOrders: [...input.workOrders, wo] },
          marks: [wo.item],
        };
      }
      case 5:
      case 6: {
        if (!input.workOrders.length) continue;
        const k = rnd.int(0, input.workOrders.length - 1);
        const wo = input.workOrders[k]!;
        if (kind === 6)
          return {
            name: `task order closed ${wo.item}`,
            input: { ...input, workOrders: replaceAt(input.workOrders, k, undefined) },
            marks: [wo.item],
          };
        // Received in part: the receipt is stock now, and a component was issued.
        const got = rnd.int(1, Number(wo.qty));
        const issued = wo.needs?.[0] ? [{ item: wo.needs[0].item, qty: '1' }] : [];
        const needs = wo.needs?.map((nd, j) =>
          j === 0 ? { ...nd, qty: String(Math.max(0, Number(nd.qty) - 1)) } : nd,
        );
        const next: MrpWorkOrder = {
          ...wo,
          received: String(Math.min(Number(wo.qty), got)),
          issued,
          ...(needs ? { needs } : {}),
        };
        return {
          name: `task order received ${wo.item}`,
          input: {
            ...input,
            workOrders: replaceAt(input.workOrders, k, next),
            stock: [...input.stock, { item: wo.item, qty: String(got) }],
          },
          marks: [wo.item, ...issued.map((i) => i.item)],
        };
      }
      case 7: {
        const po = aPurchase(rnd, input, no('PO'));
        return {
          name: `purchase order released ${po.item}`,
          input: { ...input, purchaseOrders: [...input.purchaseOrders, po] },
          marks: [po.item],
        };
      }
      case 8: {
        if (!input.purchaseOrders.length) continue;
        const k = rnd.int(0, input.purchaseOrders.length - 1);
        const po = input.purchaseOrders[k]!;
        const received = rnd.chance(0.5);
        return {
          name: `purchase order ${received ? 'received' : 'closed'} ${po.item}`,
          input: {
            ...input,
            purchaseOrders: replaceAt(input.purchaseOrders, k, undefined),
            stock: received
              ? [
                  ...input.stock,
                  {
                    item: po.item,
                    qty: po.qty,
                    ...(po.trackingNo ? { trackingNo: po.trackingNo } : {}),
                  },
                ]
              : input.stock,
          },
          marks: [po.item],
        };
      }
      case 9: {
        if (input.forecasts.length && rnd.chance(0.5)) {
          const k = rnd.int(0, input.forecasts.length - 1);
          const f = input.forecasts[k]!;
          const next = rnd.chance(0.3) ? undefined : { ...f, qty: String(rnd.int(0, 90)) };
          return {
            name: `forecast changed ${f.item}`,
            input: { ...input, forecasts: replaceAt(input.forecasts, k, next) },
            marks: [f.item],
          };
        }
        const f = aForecast(rnd, input);
        return {
          name: `forecast added ${f.item}`,
          input: { ...input, forecasts: [...input.forecasts, f] },
          marks: [f.item],
        };
      }
      case 10: {
        // Often a substitute: its free stock is what the components using it share.
        const subs = [...input.boms.values()]
          .flat(2)
          .flatMap((v) => v.lines.flatMap((l) => l.substitutes.map((x) => x.item)));
        const code = subs.length && rnd.chance(0.4) ? rnd.pick(subs) : rnd.pick(input.items).code;
        const it = input.items.find((i) => i.code === code)!;
        const k = input.stock.findIndex((s) => s.item === it.code);
        const qty = rnd.chance(0.3) ? '0' : qtyFor(rnd, it, 0, 40);
        const stock =
          k >= 0 && rnd.chance(0.6)
            ? replaceAt(input.stock, k, qty === '0' ? undefined : { ...input.stock[k]!, qty })
            : [...input.stock, { item: it.code, qty: qtyFor(rnd, it, 1, 20) }];
        return { name: `stock adjusted ${it.code}`, input: { ...input, stock }, marks: [it.code] };
      }
      case 11:
      case 12: {
        // A BOM line change: quantity, scrap, a substitute, or a component swapped/added.
        const parents = [...input.boms.keys()];
        const parent = rnd.pick(parents);
        const versions = input.boms.get(parent)!;
        const v = rnd.int(0, versions.length - 1);
        const lines = versions[v]!.lines;
        const l = rnd.int(0, lines.length - 1);
        const line = lines[l]!;
        const level = Number(parent[1]);
        const below = input.items.filter(
          (i) => Number(i.code[1]) > level && i.code !== line.component,
        );
        const leaves = input.items.filter(
          (i) => i.source === 'purchased' && i.code !== line.component,
        );
        const r = rnd();
        const changed =
          r < 0.4
            ? [{ ...line, qtyPer: rnd.pick(['1', '2', '0.75', '4']) }]
            : r < 0.55
              ? [{ ...line, lossRate: rnd.pick(['0', '0.05']) }]
              : r < 0.7 && leaves.length
                ? [
                    {
                      ...line,
                      substitutes: line.substitutes.length
                        ? []
                        : [{ item: rnd.pick(leaves).code, priority: 1, ratio: '1' }],
                    },
                  ]
                : r < 0.78 && below.length
                  ? [
                      line,
                      {
                        component: rnd.pick(below).code,
                        qtyPer: '1',
                        lossRate: '0',
                        substitutes: [],
                      },
                    ]
                  : r < 0.88 && below.length
                    ? [{ ...line, component: rnd.pick(below).code }]
                    : lines.length > 1
                      ? []
                      : [line];
        const nextLines = [...lines.slice(0, l), ...changed, ...lines.slice(l + 1)].filter(
          (x, j, all) => all.findIndex((y) => y.component === x.component) === j,
        );
        const boms = new Map(input.boms);
        boms.set(parent, replaceAt(versions, v, { ...versions[v]!, lines: nextLines }));
        return { name: `BOM line changed ${parent}`, input: { ...input, boms }, marks: [parent] };
      }
      case 13: {
        // Item master data changed: the application does not mark it.
        const k = rnd.int(0, input.items.length - 1);
        const it = input.items[k]!;
        const next = rnd.chance(0.5)
          ? { ...it, leadTimeDays: rnd.int(0, 5) }
          : { ...it, lotSizing: randomLot(rnd) };
        return {
          name: `item changed ${it.code}`,
          input: { ...input, items: replaceAt(input.items, k, next) },
          marks: [],
        };
      }
    }
  }
}

import { AppError } from '@factory/shared';
import { costItem, type ItemFlow } from './items.js';
import { textOrder } from './ledger.js';
import { costOrder, openingWipOf, type OrderFlow } from './orders.js';
import { allocatePools, type PoolAllocation } from './pools.js';
import { fenOf, qtyText, scaledQty, shares, unitCostText, yuanText } from './shares.js';
import type { CostingInput, CostingResult, CostMove, WipElements } from './types.js';

type Indexed = { move: CostMove; index: number };

type Pass = {
  items: Map<string, ItemFlow>;
  orders: Map<string, OrderFlow>;
  pools: PoolAllocation[];
  outputValues: Map<number, bigint>;
};

/**
 * One period's costing (DOMAIN.md "Costing", rules 1–7), pure. When a pool has the basis
 * `material`, a first pass without those pools gives each order's direct material, their
 * basis; the second pass is the result.
 */
export function costPeriod(input: CostingInput): CostingResult {
  refuseNegativeStock(input);
  const first = runPass(input);
  const pass = input.pools.some((p) => p.basis === 'material')
    ? runPass(
        input,
        new Map([...first.orders].map(([no, o]) => [no, o.issuedMaterial + o.consumedMaterial])),
      )
    : first;
  return report(input, pass);
}

/** Rule 2: a period in which an item closes below zero is refused, naming every such item. */
function refuseNegativeStock(input: CostingInput): void {
  const closing = new Map<string, bigint>();
  const add = (item: string, q: bigint) => closing.set(item, (closing.get(item) ?? 0n) + q);
  for (const s of input.opening.stock) add(s.item, scaledQty(s.qty));
  for (const m of input.moves) if (m.kind !== 'transfer') add(m.item, scaledQty(m.qty));
  const negative = [...closing]
    .filter(([, q]) => q < 0n)
    .map(([item]) => item)
    .sort();
  if (negative.length) {
    throw new AppError(
      'costing.negativeStock',
      `期末库存为负，无法核算：${negative.join('、')}（若为上线时的期初库存，请先录入期初成本）`,
      {
        items: negative,
      },
    );
  }
}

function runPass(input: CostingInput, materialBasis?: ReadonlyMap<string, bigint>): Pass {
  const llc = new Map(input.items.map((i) => [i.code, i.llc]));
  const coefficient = new Map(
    input.items.map((i) => [i.code, scaledQty(i.costCoefficient ?? '1')]),
  );
  const orders = new Map(input.orders.map((o) => [o.no, o]));
  const byItem = new Map<string, Indexed[]>();
  const outputsOf = new Map<string, Indexed[]>();
  const consumes = new Map<string, Set<string>>(); // order -> items it draws
  const producedBy = new Map<string, Set<string>>(); // item -> orders receiving it
  const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  input.moves.forEach((move, index) => {
    const at = { move, index };
    push(byItem, move.item, at);
    if (!move.order) return;
    if (!orders.has(move.order)) {
      throw new RangeError(`costing: move of ${move.item} names unknown order ${move.order}`);
    }
    if (move.kind === 'output') {
      push(outputsOf, move.order, at);
      if (scaledQty(move.qty) > 0n) {
        producedBy.set(move.item, (producedBy.get(move.item) ?? new Set()).add(move.order));
      }
    } else if (move.kind === 'issue' || move.kind === 'consume') {
      consumes.set(move.order, (consumes.get(move.order) ?? new Set()).add(move.item));
    }
  });
  // A rework order's cost is an adjustment of its product: the product waits for it.
  for (const o of input.orders) {
    if (o.rework) producedBy.set(o.item, (producedBy.get(o.item) ?? new Set()).add(o.no));
  }
  const reworkCost = new Map<string, bigint>();
  const received = (no: string) =>
    (outputsOf.get(no) ?? []).reduce((a, { move }) => a + scaledQty(move.qty), 0n);
  const pools = allocatePools(input.pools, input.orders, {
    received,
    coefficient: (item) => coefficient.get(item) ?? scaledQty('1'),
    ...(materialBasis ? { materialBasis } : {}),
  });
  const openingStock = new Map<string, { qty: bigint; value: bigint }>();
  for (const s of input.opening.stock) {
    const o = openingStock.get(s.item) ?? { qty: 0n, value: 0n };
    openingStock.set(s.item, { qty: o.qty + scaledQty(s.qty), value: o.value + fenOf(s.value) });
  }
  const openingWip = new Map(input.opening.wip.map((w) => [w.order, w]));

  const pass: Pass = { items: new Map(), orders: new Map(), pools, outputValues: new Map() };
  const material = new Map<string, { issued: bigint; consumed: bigint }>();
  const itemCodes = [...new Set([...openingStock.keys(), ...byItem.keys()])];

  // Rule 6: an item waits for the orders that receive it, an order for the items it draws;
  // deepest low-level code first among those ready (the numbers do not depend on it).
  const waiting = new Set([
    ...itemCodes.map((c) => `i:${c}`),
    ...[...orders.keys()].map((no) => `o:${no}`),
  ]);
  const ready = (node: string): boolean => {
    if (node.startsWith('i:')) {
      return [...(producedBy.get(node.slice(2)) ?? [])].every((o) => !waiting.has(`o:${o}`));
    }
    return [...(consumes.get(node.slice(2)) ?? [])].every((i) => !waiting.has(`i:${i}`));
  };
  const depth = (node: string) =>
    node.startsWith('i:')
      ? (llc.get(node.slice(2)) ?? 0)
      : (llc.get(orders.get(node.slice(2))!.item) ?? 0);
  while (waiting.size) {
    const next = [...waiting].filter(ready).sort((a, b) => depth(b) - depth(a) || textOrder(a, b));
    if (!next.length) throw loop(waiting);
    for (const node of next) {
      waiting.delete(node);
      if (node.startsWith('i:')) {
        const flow = costItem(
          node.slice(2),
          openingStock.get(node.slice(2)) ?? { qty: 0n, value: 0n },
          byItem.get(node.slice(2)) ?? [],
          (index) => pass.outputValues.get(index) ?? 0n,
          reworkCost.get(node.slice(2)),
        );
        pass.items.set(flow.item, flow);
        for (const c of flow.consumers) {
          if (!c.order) continue;
          const m = material.get(c.order) ?? { issued: 0n, consumed: 0n };
          if (c.kind === 'issue') m.issued += c.value;
          else m.consumed += c.value;
          material.set(c.order, m);
        }
      } else {
        const order = orders.get(node.slice(2))!;
        const m = material.get(order.no) ?? { issued: 0n, consumed: 0n };
        const flow = costOrder(order, input.period, {
          openingWip: openingWipOf(openingWip.get(order.no)),
          issuedMaterial: m.issued,
          consumedMaterial: m.consumed,
          pools: new Map(
            order.kind === 'task'
              ? pools.map((p) => [p.code, p.byOrder.get(order.no) ?? 0n] as const)
              : [],
          ),
          received: received(order.no),
        });
        pass.orders.set(order.no, flow);
        if (order.rework) {
          reworkCost.set(order.item, (reworkCost.get(order.item) ?? 0n) + flow.output);
        } else {
          valueOutputs(flow, outputsOf.get(order.no) ?? [], pass.outputValues);
        }
      }
    }
  }
  return pass;
}

/** Step 5: the output shared over the order's receipts of the period by quantity, in order. */
function valueOutputs(flow: OrderFlow, outputs: readonly Indexed[], values: Map<number, bigint>) {
  const receipts = outputs.filter(({ move }) => scaledQty(move.qty) > 0n);
  if (!receipts.length) return;
  const abs = flow.output < 0n ? -flow.output : flow.output;
  const split = shares(
    abs,
    receipts.map(({ move }) => scaledQty(move.qty)),
  )!;
  receipts.forEach(({ index }, i) => values.set(index, flow.output < 0n ? -split[i]! : split[i]!));
}

function loop(waiting: Set<string>): AppError {
  const items = [...waiting]
    .filter((n) => n.startsWith('i:'))
    .map((n) => n.slice(2))
    .sort();
  const orders = [...waiting]
    .filter((n) => n.startsWith('o:'))
    .map((n) => n.slice(2))
    .sort();
  return new AppError(
    'costing.loop',
    `本期领用在物料清单层级之外形成循环，无法逐级结转：物料 ${items.join('、')}；订单 ${orders.join('、')}`,
    { items, orders },
  );
}

const sumOf = (values: Iterable<bigint>) => [...values].reduce((a, b) => a + b, 0n);

function elementsText(e: OrderFlow['closing']): WipElements {
  return {
    material: yuanText(e.material),
    pools: Object.fromEntries([...e.pools].map(([k, v]) => [k, yuanText(v)])),
    fee: yuanText(e.fee),
  };
}

/** Rule 7: the report, and its reconciliation. */
function report(input: CostingInput, pass: Pass): CostingResult {
  const poolCodes = input.pools.map((p) => p.code);
  const items = [...pass.items.values()]
    .sort((a, b) => textOrder(a.item, b.item))
    .map((f) => {
      const inValue = f.purchases + f.outputs + f.adjustments + f.reworked;
      const negatives = f.consumers.filter((c) => c.net < 0n);
      const outs = f.consumers.filter((c) => c.net > 0n);
      return {
        item: f.item,
        openingQty: qtyText(f.openingQty),
        openingValue: yuanText(f.openingValue),
        receiptQty: qtyText(f.receiptQty - sumOf(negatives.map((c) => c.net))),
        receiptValue: yuanText(inValue - sumOf(negatives.map((c) => c.value))),
        outQty: qtyText(sumOf(outs.map((c) => c.net))),
        outValue: yuanText(sumOf(outs.map((c) => c.value))),
        closingQty: qtyText(f.closingQty),
        closingValue: yuanText(f.closingValue),
        unitCost: unitCostText(f.value, f.qty),
        priceDifference: yuanText(f.priceDifference),
      };
    });
  const orders = [...pass.orders.values()]
    .sort((a, b) => textOrder(a.order.no, b.order.no))
    .map((o) => ({
      no: o.order.no,
      kind: o.order.kind,
      item: o.order.item,
      received: qtyText(o.received),
      openingWip: yuanText(
        o.openingWip.material + sumOf(o.openingWip.pools.values()) + o.openingWip.fee,
      ),
      material: yuanText(o.issuedMaterial + o.consumedMaterial),
      pools: Object.fromEntries(poolCodes.map((c) => [c, yuanText(o.pools.get(c) ?? 0n)])),
      outsourcingFee: yuanText(o.fee),
      completed: yuanText(o.output),
      unitCost: unitCostText(o.output, o.received),
      closingWip: yuanText(o.closing.material + sumOf(o.closing.pools.values()) + o.closing.fee),
      loss: yuanText(o.loss),
      closingWipElements: elementsText(o.closing),
      wipQty: qtyText(o.wip),
    }));
  const pools = pass.pools.map((p) => ({
    code: p.code,
    amount: yuanText(p.amount),
    allocated: yuanText(p.amount - p.unallocated),
    unallocated: yuanText(p.unallocated),
  }));
  // In ledger order.
  const receiptValues = [...pass.outputValues]
    .sort(([a], [b]) => a - b)
    .map(([index, value]) => {
      const m = input.moves[index]!;
      return { doc: m.doc, line: m.line, item: m.item, order: m.order!, value: yuanText(value) };
    });
  const consumers = [...pass.items.values()]
    .sort((a, b) => textOrder(a.item, b.item))
    .flatMap((f) =>
      f.consumers.map((c) => ({
        item: f.item,
        kind: c.kind,
        ...(c.order !== undefined ? { order: c.order } : {}),
        ...(c.doc !== undefined ? { doc: c.doc, line: c.line! } : {}),
        qty: qtyText(c.net),
        value: yuanText(c.value),
      })),
    );
  return {
    period: input.period.id,
    items,
    orders,
    pools,
    consumers,
    receiptValues,
    reconciliation: reconcile(pass),
  };
}

/**
 * Opening stock + opening WIP + purchases (net of returns) + fees + adjustments + expenses =
 * closing stock + closing WIP + deliveries + scrap + count losses + other issues (each net of
 * what came back at the average) + production losses + price differences + unallocated.
 */
function reconcile(pass: Pass): CostingResult['reconciliation'] {
  const items = [...pass.items.values()];
  const orders = [...pass.orders.values()];
  const consumed = (kind: string) =>
    sumOf(items.flatMap((f) => f.consumers.filter((c) => c.kind === kind).map((c) => c.value)));
  const wip = (e: OrderFlow['closing']) => e.material + sumOf(e.pools.values()) + e.fee;
  const inParts = {
    openingStock: sumOf(items.map((f) => f.openingValue)),
    openingWip: sumOf(orders.map((o) => wip(o.openingWip))),
    purchases: sumOf(items.map((f) => f.purchases)),
    fees: sumOf(orders.map((o) => o.fee)),
    adjustments: sumOf(items.map((f) => f.adjustments)),
    expenses: sumOf(pass.pools.map((p) => p.amount)),
  };
  const outParts = {
    closingStock: sumOf(items.map((f) => f.closingValue)),
    closingWip: sumOf(orders.map((o) => wip(o.closing))),
    deliveries: consumed('delivery'),
    scrap: consumed('scrap'),
    countLosses: consumed('count'),
    otherIssues: consumed('other'),
    productionLosses: sumOf(orders.map((o) => o.loss)),
    priceDifferences: sumOf(items.map((f) => f.priceDifference)),
    unallocated: sumOf(pass.pools.map((p) => p.unallocated)),
  };
  const total = (o: Record<string, bigint>) => sumOf(Object.values(o));
  const text = (o: Record<string, bigint>) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, yuanText(v)]));
  return {
    in: yuanText(total(inParts)),
    out: yuanText(total(outParts)),
    difference: yuanText(total(inParts) - total(outParts)),
    parts: { ...text(inParts), ...text(outParts) },
  };
}

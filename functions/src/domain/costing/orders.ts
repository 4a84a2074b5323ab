import type { CostOrder, CostPeriod, WipElements } from './types.js';
import { fenOf, scaledQty, shares } from './shares.js';

/** An order's costs of the period, in fen, before they are texts. */
export type OrderFlow = {
  order: CostOrder;
  openingWip: { material: bigint; pools: Map<string, bigint>; fee: bigint };
  /** Direct material: net issues and consumption at receipt (rule 3). */
  issuedMaterial: bigint;
  consumedMaterial: bigint;
  pools: Map<string, bigint>;
  fee: bigint;
  /** R and W of rule 5 (scaled quantities). */
  received: bigint;
  wip: bigint;
  output: bigint;
  closing: { material: bigint; pools: Map<string, bigint>; fee: bigint };
  loss: bigint;
};

export function openingWipOf(w: Partial<WipElements> | undefined): OrderFlow['openingWip'] {
  return {
    material: fenOf(w?.material ?? '0'),
    pools: new Map(Object.entries(w?.pools ?? {}).map(([k, v]) => [k, fenOf(v)])),
    fee: fenOf(w?.fee ?? '0'),
  };
}

const sum = (m: ReadonlyMap<string, bigint>) => [...m.values()].reduce((a, b) => a + b, 0n);

/**
 * W of rule 5 on the period's last day: 0 once everything is received or the order was closed
 * by then; else the WIP count entered for the period; else qty − received so far, never < 0.
 */
export function wipQuantity(order: CostOrder, period: CostPeriod, received: bigint): bigint {
  const soFar = scaledQty(order.receivedBefore ?? '0') + received;
  const qty = scaledQty(order.qty);
  if (soFar >= qty) return 0n;
  if (order.closedOn !== undefined && order.closedOn <= period.to) return 0n;
  if (order.wipCount !== undefined) return scaledQty(order.wipCount);
  return qty - soFar;
}

/**
 * Rule 5: what the order accounts for (opening WIP + material + pools + fee) goes to its
 * output, stays in WIP, or is a production loss. With both R and W, WIP is valued at material
 * cost: the opening WIP material plus the net-issues material shared R : W (R first); every
 * other element (consumption at receipt, pools, the fee, opening WIP's other elements) goes to
 * the output.
 */
export function costOrder(
  order: CostOrder,
  period: CostPeriod,
  parts: {
    openingWip: OrderFlow['openingWip'];
    issuedMaterial: bigint;
    consumedMaterial: bigint;
    pools: Map<string, bigint>;
    received: bigint;
  },
): OrderFlow {
  const fee = fenOf(order.fee ?? '0');
  const { openingWip: ow, issuedMaterial, consumedMaterial, pools, received } = parts;
  const total =
    ow.material + sum(ow.pools) + ow.fee + issuedMaterial + consumedMaterial + sum(pools) + fee;
  const none = { material: 0n, pools: new Map<string, bigint>(), fee: 0n };
  const base = { order, openingWip: ow, issuedMaterial, consumedMaterial, pools, fee, received };
  if (order.rework) {
    // Rule 6: everything it cost is the product's adjustment in the period, nothing waits.
    return { ...base, wip: 0n, output: total, closing: none, loss: 0n };
  }
  const wip = wipQuantity(order, period, received);
  const flow = { ...base, wip };
  if (wip === 0n && received === 0n) {
    return { ...flow, output: 0n, closing: none, loss: total };
  }
  if (received === 0n) {
    const keep = new Map(ow.pools);
    for (const [k, v] of pools) keep.set(k, (keep.get(k) ?? 0n) + v);
    const closing = {
      material: ow.material + issuedMaterial + consumedMaterial,
      pools: keep,
      fee: ow.fee + fee,
    };
    return { ...flow, output: 0n, closing, loss: 0n };
  }
  if (wip === 0n) return { ...flow, output: total, closing: none, loss: 0n };
  const material = ow.material + issuedMaterial;
  const wipMaterial = material > 0n ? shares(material, [received, wip])![1]! : 0n;
  return {
    ...flow,
    output: total - wipMaterial,
    closing: { material: wipMaterial, pools: new Map(), fee: 0n },
    loss: 0n,
  };
}

import { AppError, type Qty, qty as dec } from '@factory/shared';

/**
 * The one BOM traversal (docs/architecture.md, "One BOM walk, one quantity algebra").
 *
 * Explosion (`explode`), a task order's needs (`computeNeeds`), MRP's unissued needs of open
 * orders and its substitute lookup, kitting, shortage (phantom covers and substitutes) and,
 * through the needs, backflush and subcontractor consumption all walk a BOM here: depth
 * first, in line order, with one cycle guard that names the path (`bom.cycle`). What a
 * caller passes through is its own rule (a phantom with a BOM; every made item for an
 * explosion; kitting: what stock did not cover), the arithmetic is not: a component's
 * requirement is `requirement(Q, line)`, Q × qtyPer × (1 + lossRate), computed only here.
 */

/** What the requirement reads of a BOM line (decimal text, or a decimal already parsed). */
export type FactorLine = { readonly qtyPer: string | Qty; readonly lossRate: string | Qty };
/** What a quantity walk reads of a BOM line. */
export type WalkLine = {
  readonly component: string;
  readonly qtyPer: string;
  readonly lossRate: string;
};

const ONE = dec(1);

/**
 * qtyPer × (1 + lossRate): what one unit of the parent needs of the line's component. The
 * only place this product is computed in decimals (MRP's scaled integers: `scaledLineFactor`,
 * held equal to it by walk.test.ts). Exact: an in-range line has at most 25 digits here.
 */
export function lineFactor(line: FactorLine): Qty {
  return dec(line.qtyPer).times(ONE.plus(line.lossRate));
}

/**
 * The requirement of `quantity` units of the parent for the line's component:
 * quantity × qtyPer × (1 + lossRate) (DOMAIN.md), as quantity × lineFactor(line), so it is
 * rounded (decimal.js, 40 significant digits) at most once per level: exact for any in-range
 * quantity through one line, and through phantom levels while the product stays within 40
 * digits (every realistic BOM). `factorOf` may be a memo of `lineFactor` (a walk's). Rounding
 * to the component's unit precision is the caller's: needs and kits round up per need,
 * backflush the cumulative total, MRP after lot sizing.
 */
export function requirement(
  quantity: Qty | string,
  line: FactorLine,
  factorOf: (line: FactorLine) => Qty = lineFactor,
): Qty {
  const q = typeof quantity === 'string' ? dec(quantity) : quantity;
  return q.times(factorOf(line));
}

/**
 * Lines passed through phantoms as one line: qtyPer and (1 + lossRate) multiplied through
 * every level, outermost first, so `requirement(Q, throughLines(chain))` is what Q of the
 * root needs of the last line's component (the shape a task order's needs keep).
 */
export function throughLines(chain: readonly FactorLine[]): { qtyPer: Qty; lossRate: Qty } {
  let qtyPer = ONE;
  let lossFactor = ONE;
  for (const line of chain) {
    qtyPer = qtyPer.times(line.qtyPer);
    lossFactor = lossFactor.times(ONE.plus(line.lossRate));
  }
  return { qtyPer, lossRate: lossFactor.minus(ONE) };
}

/** How a traversal reads a product structure: a parent's lines and a line's component. */
export type StructureSource<K, L> = {
  /** The lines a parent is built with (the version effective at the date), if it has a BOM. */
  lines(parent: K): readonly L[] | undefined;
  component(line: L): K;
  /** How an item is named in a `bom.cycle` path (default: as it is). */
  name?(item: K): string;
};

/** Where a line was reached: the items expanded from the root to its parent, and their lines. */
export type Reached<K, L> = {
  /** The root, then every item expanded on the way to this line's parent. */
  readonly path: readonly K[];
  /** The lines expanded on the way (the phantom lines passed through), outermost first. */
  readonly via: readonly L[];
};

/**
 * Depth first over `root`'s BOM, each parent's lines in order. `visit` is called for every
 * line reached; it returns what the walk carries into the component's own lines (for a
 * quantity walk: the quantity they are expanded with) or undefined to stop at the component.
 * Expanding an item that is already on the path is a loop in the data: `bom.cycle`, naming
 * the path (A > B > A). This is the walk's only guard; every structure the store or an
 * import accepts is cycle-free, so it fires only on bad data, never silently cut short.
 */
export function traverse<K, L, C>(
  root: K,
  start: C,
  source: StructureSource<K, L>,
  visit: (line: L, at: Reached<K, L>, carried: C) => C | undefined,
): void {
  const go = (parent: K, at: Reached<K, L>, carried: C): void => {
    const lines = source.lines(parent);
    if (!lines) return;
    for (const line of lines) {
      const next = visit(line, at, carried);
      if (next === undefined) continue;
      const component = source.component(line);
      if (at.path.includes(component)) throw cycleError([...at.path, component], source.name);
      go(component, { path: [...at.path, component], via: [...at.via, line] }, next);
    }
  };
  go(root, { path: [root], via: [] }, start);
}

/** `bom.cycle` naming the loop's path (the message every BOM rule uses). */
export function cycleError<K>(path: readonly K[], name: (item: K) => string = String): AppError {
  const names = path.map(name);
  return new AppError('bom.cycle', `物料清单存在循环：${names.join(' > ')}`, { path: names });
}

/** A line reached by a quantity walk, with the requirement of its parent's quantity. */
export type BomStep<L> = Reached<string, L> & {
  readonly line: L;
  /** 1 for the root's own lines, 2 below them, and so on. */
  readonly level: number;
  /** requirement(parent quantity, line): what the parent's quantity needs of the component. */
  readonly qty: Qty;
};

/**
 * Expands `quantity` of `root` through its BOM. For each line reached, `visit` gets the
 * requirement of its parent's quantity and returns the quantity to expand the component
 * with (`step.qty` to pass it through, as a phantom is; kitting passes what stock did not
 * cover) or undefined to stop there (a leaf, a stocked sub-assembly).
 */
export function walkBom<L extends WalkLine>(
  root: string,
  quantity: Qty | string,
  lines: (parent: string) => readonly L[] | undefined,
  visit: (step: BomStep<L>) => Qty | undefined,
): void {
  // Each line's factor once per walk (a shared sub-assembly is reached many times).
  const factors = new Map<FactorLine, Qty>();
  const factorOf = (line: FactorLine) => {
    let f = factors.get(line);
    if (!f) factors.set(line, (f = lineFactor(line)));
    return f;
  };
  traverse<string, L, Qty>(
    root,
    typeof quantity === 'string' ? dec(quantity) : quantity,
    { lines, component: (line) => line.component },
    (line, at, parentQty) =>
      visit({
        line,
        path: at.path,
        via: at.via,
        level: at.path.length,
        qty: requirement(parentQty, line, factorOf),
      }),
  );
}

/** A component reached through phantoms: its line, the phantom lines above it and its factor. */
export type ThroughLine<L> = Reached<string, L> & {
  readonly line: L;
  /** What one unit of the root needs of it along this path: the product of the line factors. */
  readonly factor: Qty;
};

/**
 * The flattened structure of `root` with every component that `passThrough` says passes
 * through (a phantom) replaced by its own lines, recursively: one entry per path, in walk
 * order, each with what one unit of the root needs along it. MRP's property test holds its
 * scaled-integer explosion to these factors.
 */
export function flattenThrough<L extends WalkLine>(
  root: string,
  lines: (parent: string) => readonly L[] | undefined,
  passThrough: (component: string) => boolean,
): ThroughLine<L>[] {
  const out: ThroughLine<L>[] = [];
  walkBom(root, ONE, lines, (step) => {
    if (passThrough(step.line.component)) return step.qty;
    out.push({ line: step.line, path: step.path, via: step.via, factor: step.qty });
    return undefined;
  });
  return out;
}

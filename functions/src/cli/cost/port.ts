/** What the loader asks of costing; the lead wires it to the costing use cases. */
export type CostingSetup = {
  /** A pool definition (code, name, basis, optional workshop). */
  definePool(pool: {
    code: string;
    name?: string;
    basis: 'quantity' | 'material' | 'hours';
    workshop?: string;
  }): Promise<void>;
  /** Costing's opening balances for the first period (go-live): own stock by item with its value, opening WIP by order. Quantities summed per item over warehouses. */
  setOpening(input: {
    period: string;
    stock: { item: string; qty: string; value: string }[];
    wip: { order: string; material?: string; pools?: Record<string, string>; fee?: string }[];
  }): Promise<void>;
  /** An expense entered into a pool in the period of its date ('YYYY-MM'). */
  addExpense(input: {
    period: string;
    pool: string;
    amount: string;
    date: string;
    note?: string;
  }): Promise<void>;
  /** An order's month-end WIP count for the period of its date. */
  setWipCount(input: { period: string; order: string; qty: string }): Promise<void>;
};

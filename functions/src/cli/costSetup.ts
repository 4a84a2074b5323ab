import type { Session } from '@factory/shared';
import type { Deps } from '../deps.js';
import { addExpense, putPool, setOpening, setWipCount } from '../usecases/costing/setup.js';

/**
 * What the period-file loader asks of costing, over the costing use cases (the same ones the
 * API's routes call), as the cost accountant of the throwaway tenant.
 */
export function costingSetup(deps: Deps, cost: Session) {
  return {
    async definePool(pool: {
      code: string;
      name?: string;
      basis: 'quantity' | 'material' | 'hours';
      workshop?: string;
    }): Promise<void> {
      await putPool(deps, cost, pool.code, {
        name: pool.name ?? pool.code,
        basis: pool.basis,
        ...(pool.workshop ? { workshop: pool.workshop } : {}),
      });
    },
    async setOpening(input: {
      period: string;
      stock: { item: string; qty: string; value: string }[];
      wip: { order: string; material?: string; pools?: Record<string, string>; fee?: string }[];
    }): Promise<void> {
      await setOpening(deps, cost, input);
    },
    async addExpense(input: {
      period: string;
      pool: string;
      amount: string;
      date: string;
      note?: string;
    }): Promise<void> {
      const { period, ...entry } = input;
      // A zero amount is no entry (the API refuses one; a file may list it).
      if (/^-?0+(\.0+)?$/.test(entry.amount)) return;
      await addExpense(deps, cost, period, entry);
    },
    async setWipCount(input: { period: string; order: string; qty: string }): Promise<void> {
      await setWipCount(deps, cost, input.period, input.order, { qty: input.qty });
    },
  };
}

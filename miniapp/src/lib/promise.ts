import type { SalesPromise } from '@factory/shared';

/** Where a promise date comes from, in the rep's words. */
export const PROMISE_SOURCE_LABEL: Record<SalesPromise['source'], string> = {
  stock: '现有库存',
  supply: '在途供应',
  ctp: '按提前期排产',
};

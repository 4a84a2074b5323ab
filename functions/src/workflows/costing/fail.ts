import { getDeps } from '../../deps.js';
import type { CostingPointer } from '../../usecases/costing/periods.js';
import { costingTasks } from '../../usecases/costing/run.js';

/** Lambda entry of the costing workflow's fail task (the local runner calls the same function). */
export const handler = (event: CostingPointer & { error?: { Error?: string; Cause?: string } }) =>
  costingTasks.fail(getDeps(), event);

import { getDeps } from '../../deps.js';
import { mrpTasks, type RunPointer } from '../../usecases/mrp/run.js';

/** Lambda entry of the MRP workflow's notify task (the local runner calls the same function). */
export const handler = (event: RunPointer & { error?: { Error?: string; Cause?: string } }) =>
  mrpTasks.notify(getDeps(), event);

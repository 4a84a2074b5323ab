// The costing workflow's task handlers, as the local runner maps its Task states to them.
export { handler as load } from '../src/workflows/costing/load.js';
export { handler as compute } from '../src/workflows/costing/compute.js';
export { handler as write } from '../src/workflows/costing/write.js';
export { handler as notify } from '../src/workflows/costing/notify.js';
export { handler as fail } from '../src/workflows/costing/fail.js';

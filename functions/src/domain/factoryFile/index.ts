export { checkFactoryFile, formatPath } from './check.js';
export { findCycles } from './cycles.js';
export { sellableItems } from './sellable.js';

export { checkPeriodFile } from './check.js';
export { factoryFileOf } from './factoryFile.js';

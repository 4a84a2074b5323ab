export { checkPeriodFile } from './check.js';

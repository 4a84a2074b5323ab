export { checkItem, type ItemShape, type ItemReferenceFacts } from './rules.js';

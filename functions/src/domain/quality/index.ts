export { sampleSize } from './sampling.js';
export {
  checkResult,
  checkReversal,
  reversingResult,
  statusAfterResult,
  type Checked,
  type ResultFacts,
} from './result.js';
export { checkDispositions, type DispositionFacts } from './dispositions.js';
export {
  planConcession,
  planDispositionMoves,
  planQualityMoves,
  type QualityPlan,
  type QualityPosting,
  type QualityStepKind,
} from './moves.js';
export {
  passRates,
  paretoDefects,
  type PassRateFact,
  type PassRateRow,
  type ParetoRow,
} from './reports.js';

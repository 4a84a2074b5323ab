export { computeNeeds, withIssued, issuedSummary, addIssued, type NeedsContext } from './needs.js';
export {
  planStandardIssue,
  planKitIssue,
  kitLimits,
  kitComponents,
  planReturn,
  substituteOptions,
  type SubstituteContext,
  type ReturnLineInput,
  planMerged,
  takeMerged,
  type MergedLineInput,
  applyAllocations,
  pickable,
  sourceOf,
  sourceFields,
  type StockSource,
  type Allocation,
  type PickOrder,
  type PickLineInput,
  type PickPlan,
} from './pick.js';
export { canMove, assertMove, assertPickable, byPriority } from './state.js';
export { reworkNeeds, checkRework, type ReworkFacts } from './rework.js';
export { walkingOrder, postedLines, type PostedLine } from './walk.js';

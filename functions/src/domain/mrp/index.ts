export { planMrp, lotSize, peggedDemands, samePegging } from './engine.js';
export { type EngineStructure } from './structure.js';
export {
  replanSet,
  mergeNetChange,
  itemRanges,
  byItem,
  type NetChange,
  type NetChangeReport,
  type PlanBasis,
} from './netChange.js';
export { mrpInputFromFile, plannableStock, DEFAULT_HORIZON_DAYS } from './fromFile.js';
export { workCalendar, dayNumber, dateOf, weekday, type WorkCalendar } from './calendar.js';
export { unissuedNeeds, type NeedLine } from './needs.js';
export { kit, buildableSets, type KitContext, type KitComponent, type KitLine } from './kitting.js';
export { shortage, type ShortageOrder } from './shortage.js';
export {
  promiseContext,
  promiseDate,
  withSalesDemand,
  type PromiseAnswer,
  type PromiseContext,
  type PromiseInput,
  type PromiseRequest,
  type PromiseSource,
  type PromiseStep,
} from './promise.js';
export type {
  MrpInput,
  MrpItem,
  MrpBomVersion,
  MrpWorkOrder,
  PlanningResult,
  PlannedOrder,
  MrpException,
} from './types.js';

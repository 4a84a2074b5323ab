export {
  effectiveVersion,
  supersede,
  nextVersionName,
  addDays,
  type VersionTransition,
} from './versions.js';
export {
  checkLines,
  applyLineChanges,
  patchLine,
  batchLineChange,
  batchPreviewEntry,
  mergeLines,
  type BatchPreviewEntry,
  type ItemInfo,
} from './lines.js';
export { explode, byCode, type ExplodeContext } from './explode.js';
export { linesFromRows, type SheetLine } from './sheet.js';
export { cycleThrough, lowLevelCodes, type Structure } from './graph.js';
export {
  requirement,
  lineFactor,
  throughLines,
  traverse,
  walkBom,
  flattenThrough,
  cycleError,
  type FactorLine,
  type WalkLine,
  type BomStep,
  type Reached,
  type StructureSource,
  type ThroughLine,
} from './walk.js';

export {
  addDays,
  bucketOf,
  bucketsBetween,
  chartRange,
  isoWeekKey,
  mondayOf,
  type Bucket,
  type BucketBy,
} from './buckets.js';
export {
  costSummary,
  ordersChart,
  productionSummary,
  qualityChart,
  shortageSummary,
  type BookedOrder,
  type DeliveredDoc,
  type InspectionFact,
  type ProgressOrder,
} from './charts.js';

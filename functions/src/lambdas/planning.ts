// The planning area's Lambda: every route of the area behind one router (src/http/areas.ts).
import { planningAreaRoutes } from '@factory/shared';
import { wire } from '../deps.js';
import { stepFunctions } from '../composition/workflows.js';
import { areaRouter } from '../http/router.js';
import * as mrpStartRun from '../http/mrp/startRun.js';
import * as mrpListRuns from '../http/mrp/listRuns.js';
import * as mrpGetRun from '../http/mrp/getRun.js';
import * as mrpPlannedOrders from '../http/mrp/plannedOrders.js';
import * as mrpRelease from '../http/mrp/release.js';
import * as mrpKitting from '../http/mrp/kitting.js';
import * as mrpShortage from '../http/mrp/shortage.js';

wire(stepFunctions);

export const handler = areaRouter('planning', planningAreaRoutes, {
  'mrp.startRun': mrpStartRun,
  'mrp.listRuns': mrpListRuns,
  'mrp.getRun': mrpGetRun,
  'mrp.plannedOrders': mrpPlannedOrders,
  'mrp.release': mrpRelease,
  'mrp.kitting': mrpKitting,
  'mrp.shortage': mrpShortage,
});

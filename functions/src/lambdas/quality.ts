// The quality area's Lambda: every route of the area behind one router (src/http/areas.ts).
import { qualityAreaRoutes } from '@factory/shared';
import { areaRouter } from '../http/router.js';
import * as defectsCreate from '../http/defects/create.js';
import * as defectsList from '../http/defects/list.js';
import * as defectsGet from '../http/defects/get.js';
import * as defectsUpdate from '../http/defects/update.js';
import * as inspectionPlansPut from '../http/inspectionPlans/put.js';
import * as inspectionPlansList from '../http/inspectionPlans/list.js';
import * as inspectionPlansGet from '../http/inspectionPlans/get.js';
import * as inspectionPlansDelete from '../http/inspectionPlans/delete.js';
import * as inspectionsList from '../http/inspections/list.js';
import * as inspectionsGet from '../http/inspections/get.js';
import * as inspectionsResult from '../http/inspections/result.js';
import * as inspectionsReverse from '../http/inspections/reverse.js';
import * as inspectionsDispose from '../http/inspections/dispose.js';
import * as qualityReportsPassRates from '../http/qualityReports/passRates.js';
import * as qualityReportsPareto from '../http/qualityReports/pareto.js';
import * as qualityReportsAgeing from '../http/qualityReports/ageing.js';

export const handler = areaRouter('quality', qualityAreaRoutes, {
  'defects.create': defectsCreate,
  'defects.list': defectsList,
  'defects.get': defectsGet,
  'defects.update': defectsUpdate,
  'inspectionPlans.put': inspectionPlansPut,
  'inspectionPlans.list': inspectionPlansList,
  'inspectionPlans.get': inspectionPlansGet,
  'inspectionPlans.delete': inspectionPlansDelete,
  'inspections.list': inspectionsList,
  'inspections.get': inspectionsGet,
  'inspections.result': inspectionsResult,
  'inspections.reverse': inspectionsReverse,
  'inspections.dispose': inspectionsDispose,
  'qualityReports.passRates': qualityReportsPassRates,
  'qualityReports.pareto': qualityReportsPareto,
  'qualityReports.ageing': qualityReportsAgeing,
});

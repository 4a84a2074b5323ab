import { zCodeParams, zPage } from '../../contracts/common.js';
import {
  zDefectCreate,
  zDefectListQuery,
  zDefectRecord,
  zDefectUpdate,
  zInspectionPlanDeleteQuery,
  zInspectionPlanDeleted,
  zInspectionPlanListQuery,
  zInspectionPlanParams,
  zInspectionPlanPut,
  zInspectionPlanRecord,
} from '../../contracts/quality.js';
import { QUALITY_EDITORS, QUALITY_VIEWERS, type RouteContract } from './common.js';

/**
 * The quality area (functions/src/lambdas/quality.ts, issue 13): the tenant's defect list
 * (缺陷代码) and the inspection plans (检验方案) per item.
 */
export const qualityAreaRoutes: readonly RouteContract[] = [
  {
    id: 'defects.create',
    method: 'POST',
    path: '/api/defects',
    summary:
      "Add a defect code (code, name, category) to the tenant's defect list; a code already there is 409 resource.exists",
    tag: 'defects',
    auth: QUALITY_EDITORS,
    body: zDefectCreate,
    response: zDefectRecord,
    status: 201,
  },
  {
    id: 'defects.list',
    method: 'GET',
    path: '/api/defects',
    summary: 'The defect list in code order, paged; by category and active state',
    tag: 'defects',
    auth: QUALITY_VIEWERS,
    query: zDefectListQuery,
    response: zPage(zDefectRecord),
    status: 200,
  },
  {
    id: 'defects.get',
    method: 'GET',
    path: '/api/defects/{code}',
    summary: 'One defect code',
    tag: 'defects',
    auth: QUALITY_VIEWERS,
    params: zCodeParams,
    response: zDefectRecord,
    status: 200,
  },
  {
    id: 'defects.update',
    method: 'PATCH',
    path: '/api/defects/{code}',
    summary:
      'Change a defect code (name, category; active: false deactivates it, plans may then no longer name it); expectedVersion must match (else 409 resource.versionConflict)',
    tag: 'defects',
    auth: QUALITY_EDITORS,
    params: zCodeParams,
    body: zDefectUpdate,
    response: zDefectRecord,
    status: 200,
  },
  {
    id: 'inspectionPlans.put',
    method: 'PUT',
    path: '/api/inspection-plans/{item}',
    summary:
      "Set an item's inspection plan whole: the receipts inspected, the sampling rule, the defect codes (each in the tenant's active defect list; none: all apply). The item must exist; without expectedVersion there must be no plan yet (else 409 resource.exists), with it the plan must be at that version (else 409 resource.versionConflict)",
    tag: 'inspectionPlans',
    auth: QUALITY_EDITORS,
    params: zInspectionPlanParams,
    body: zInspectionPlanPut,
    response: zInspectionPlanRecord,
    status: 200,
  },
  {
    id: 'inspectionPlans.list',
    method: 'GET',
    path: '/api/inspection-plans',
    summary: 'Inspection plans in item order, paged; by receipt kind inspected',
    tag: 'inspectionPlans',
    auth: QUALITY_VIEWERS,
    query: zInspectionPlanListQuery,
    response: zPage(zInspectionPlanRecord),
    status: 200,
  },
  {
    id: 'inspectionPlans.get',
    method: 'GET',
    path: '/api/inspection-plans/{item}',
    summary: "One item's inspection plan (404 when the item has none)",
    tag: 'inspectionPlans',
    auth: QUALITY_VIEWERS,
    params: zInspectionPlanParams,
    response: zInspectionPlanRecord,
    status: 200,
  },
  {
    id: 'inspectionPlans.delete',
    method: 'DELETE',
    path: '/api/inspection-plans/{item}',
    summary:
      "Delete an item's inspection plan (its receipts are no longer held for inspection); expectedVersion must match (else 409)",
    tag: 'inspectionPlans',
    auth: QUALITY_EDITORS,
    params: zInspectionPlanParams,
    query: zInspectionPlanDeleteQuery,
    response: zInspectionPlanDeleted,
    status: 200,
  },
];

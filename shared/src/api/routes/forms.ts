import * as z from 'zod';
import { ROLES, type Role } from '../../contracts/auth.js';
import { zCodeParams } from '../../contracts/common.js';
import {
  zFormDefinition,
  zFormDefinitionInput,
  zFormRequest,
  zFormRequestCreate,
  zFormRequestListQuery,
  zFormRequestParams,
  zFormRequestWithdraw,
} from '../../contracts/form.js';
import type { RouteContract } from './common.js';

/** Every employee submits requests; admins keep the forms. */
export const FORM_REQUESTERS: readonly Role[] = ROLES;
export const FORM_EDITORS: readonly Role[] = ['admin'];

/**
 * Generic approvals (issue 16, deliverable 3; docs/forms.md): the tenant's forms and the
 * requests on them, decided by the approval engine.
 */
export const formRoutes: readonly RouteContract[] = [
  {
    id: 'forms.list',
    method: 'GET',
    path: '/api/forms',
    summary: 'The tenant’s forms (请假, 采购申请, 通用申请 ...): the active ones; admins see all',
    tag: 'forms',
    auth: FORM_REQUESTERS,
    response: z.array(zFormDefinition),
    status: 200,
  },
  {
    id: 'forms.get',
    method: 'GET',
    path: '/api/forms/{code}',
    summary: 'One form with its fields',
    tag: 'forms',
    auth: FORM_REQUESTERS,
    params: zCodeParams,
    response: zFormDefinition,
    status: 200,
  },
  {
    id: 'forms.put',
    method: 'PUT',
    path: '/api/forms/{code}',
    summary:
      'Define or replace a form: name, kind (leave, purchaseRequest, general), typed fields with required flags and bounds, the amount field, active',
    tag: 'forms',
    auth: FORM_EDITORS,
    params: zCodeParams,
    body: zFormDefinitionInput,
    response: zFormDefinition,
    status: 200,
  },
  {
    id: 'formRequests.create',
    method: 'POST',
    path: '/api/form-requests',
    summary:
      'Submit a request on a form: values checked against its fields (a purchase request’s lines against master data), then through the approval engine',
    tag: 'forms',
    auth: FORM_REQUESTERS,
    body: zFormRequestCreate,
    response: zFormRequest,
    status: 201,
  },
  {
    id: 'formRequests.list',
    method: 'GET',
    path: '/api/form-requests',
    summary:
      "Requests, newest first: one's own; managers and admins everyone's, planners also every purchase request",
    tag: 'forms',
    auth: FORM_REQUESTERS,
    query: zFormRequestListQuery,
    response: z.array(zFormRequest),
    status: 200,
  },
  {
    id: 'formRequests.get',
    method: 'GET',
    path: '/api/form-requests/{no}',
    summary: "One request with its values, lines and status (403 for another employee's)",
    tag: 'forms',
    auth: FORM_REQUESTERS,
    params: zFormRequestParams,
    response: zFormRequest,
    status: 200,
  },
  {
    id: 'formRequests.withdraw',
    method: 'POST',
    path: '/api/form-requests/{no}/withdraw',
    summary: "Withdraw one's own pending request (its approval is cancelled); else 409",
    tag: 'forms',
    auth: FORM_REQUESTERS,
    params: zFormRequestParams,
    body: zFormRequestWithdraw,
    response: zFormRequest,
    status: 200,
  },
];

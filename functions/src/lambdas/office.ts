// The office area's Lambda (OA, issue 16): expense claims and their categories, attachments,
// forms and the requests on them, the daily digest's subscriptions.
import { officeAreaRoutes } from '@factory/shared';
import { s3Attachments } from '../composition/attachments.js';
import { wire } from '../deps.js';
import { areaRouter } from '../http/router.js';
import * as listCategories from '../http/expenseCategories/list.js';
import * as getCategory from '../http/expenseCategories/get.js';
import * as putCategory from '../http/expenseCategories/put.js';
import * as createClaim from '../http/expenseClaims/create.js';
import * as listClaims from '../http/expenseClaims/list.js';
import * as getClaim from '../http/expenseClaims/get.js';
import * as updateClaim from '../http/expenseClaims/update.js';
import * as submitClaim from '../http/expenseClaims/submit.js';
import * as payClaim from '../http/expenseClaims/pay.js';
import * as getDigestSubscription from '../http/digest/getSubscription.js';
import * as putDigestSubscription from '../http/digest/putSubscription.js';
import * as exportClaims from '../http/expenseClaims/export.js';
import * as createAttachment from '../http/attachments/create.js';
import * as completeAttachment from '../http/attachments/complete.js';
import * as getAttachment from '../http/attachments/get.js';
import * as listForms from '../http/forms/list.js';
import * as getForm from '../http/forms/get.js';
import * as putForm from '../http/forms/put.js';
import * as createFormRequest from '../http/formRequests/create.js';
import * as listFormRequests from '../http/formRequests/list.js';
import * as getFormRequest from '../http/formRequests/get.js';
import * as withdrawFormRequest from '../http/formRequests/withdraw.js';

// Attachment files: the area's private S3 bucket.
wire(s3Attachments);

export const handler = areaRouter('office', officeAreaRoutes, {
  'expenseCategories.list': listCategories,
  'expenseCategories.get': getCategory,
  'expenseCategories.put': putCategory,
  'expenseClaims.create': createClaim,
  'expenseClaims.list': listClaims,
  'expenseClaims.get': getClaim,
  'expenseClaims.update': updateClaim,
  'expenseClaims.submit': submitClaim,
  'expenseClaims.pay': payClaim,
  'digest.getSubscription': getDigestSubscription,
  'digest.putSubscription': putDigestSubscription,
  'expenseClaims.export': exportClaims,
  'attachments.create': createAttachment,
  'attachments.complete': completeAttachment,
  'attachments.get': getAttachment,
  'forms.list': listForms,
  'forms.get': getForm,
  'forms.put': putForm,
  'formRequests.create': createFormRequest,
  'formRequests.list': listFormRequests,
  'formRequests.get': getFormRequest,
  'formRequests.withdraw': withdrawFormRequest,
});

// The office area's Lambda (OA, issue 16): expense claims and their categories, attachments.
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
import * as exportClaims from '../http/expenseClaims/export.js';
import * as createAttachment from '../http/attachments/create.js';
import * as completeAttachment from '../http/attachments/complete.js';
import * as getAttachment from '../http/attachments/get.js';

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
  'expenseClaims.export': exportClaims,
  'attachments.create': createAttachment,
  'attachments.complete': completeAttachment,
  'attachments.get': getAttachment,
});

// The office area's Lambda (OA, issue 16): expense claims and their categories.
import { officeAreaRoutes } from '@factory/shared';
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
// The daily digest (issue 16 deliverable 5).
import * as getDigestSubscription from '../http/digest/getSubscription.js';
import * as putDigestSubscription from '../http/digest/putSubscription.js';

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
  // The daily digest (issue 16 deliverable 5).
  'digest.getSubscription': getDigestSubscription,
  'digest.putSubscription': putDigestSubscription,
});

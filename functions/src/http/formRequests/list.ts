import type { FormRequestListQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { listFormRequests } from '../../usecases/forms/forms.js';

export const route = httpRoute<unknown, FormRequestListQuery>(
  'formRequests.list',
  ({ deps, session, query }) => listFormRequests(deps, session, query),
);

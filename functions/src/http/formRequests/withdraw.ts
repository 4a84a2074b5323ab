import type { FormRequestWithdraw } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { withdrawFormRequest } from '../../usecases/forms/forms.js';

export const route = httpRoute<FormRequestWithdraw, unknown, { no: string }>(
  'formRequests.withdraw',
  ({ deps, session, params, body, hooks }) =>
    withdrawFormRequest(deps, session, params.no, body, hooks()),
);

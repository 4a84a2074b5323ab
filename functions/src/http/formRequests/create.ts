import type { FormRequestCreateParsed } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { createFormRequest } from '../../usecases/forms/forms.js';

export const route = httpRoute<FormRequestCreateParsed>(
  'formRequests.create',
  ({ deps, session, body, hooks }) => createFormRequest(deps, session, body, hooks()),
);

import { httpRoute } from '../../middleware/route.js';
import { getFormRequest } from '../../usecases/forms/forms.js';

export const route = httpRoute<unknown, unknown, { no: string }>(
  'formRequests.get',
  ({ deps, session, params }) => getFormRequest(deps, session, params.no),
);

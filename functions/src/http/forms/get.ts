import { httpRoute } from '../../middleware/route.js';
import { getFormDefinition } from '../../usecases/forms/forms.js';

export const route = httpRoute<unknown, unknown, { code: string }>(
  'forms.get',
  ({ deps, session, params }) => getFormDefinition(deps, session, params.code),
);

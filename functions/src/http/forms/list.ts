import { httpRoute } from '../../middleware/route.js';
import { listFormDefinitions } from '../../usecases/forms/forms.js';

export const route = httpRoute('forms.list', ({ deps, session }) =>
  listFormDefinitions(deps, session),
);

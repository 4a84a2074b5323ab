import type { FormDefinitionParsed } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { putFormDefinition } from '../../usecases/forms/forms.js';

export const route = httpRoute<FormDefinitionParsed, unknown, { code: string }>(
  'forms.put',
  ({ deps, session, params, body, hooks }) =>
    putFormDefinition(deps, session, params.code, body, hooks()),
);

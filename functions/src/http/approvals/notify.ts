import { httpRoute } from '../../middleware/route.js';
import { resendCards } from '../../usecases/approval/index.js';

export const route = httpRoute<unknown, unknown, { id: string }>(
  'approvals.notify',
  ({ deps, session, params, hooks }) => resendCards(deps, session, params.id, hooks()),
);

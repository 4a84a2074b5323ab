import { httpRoute } from '../../middleware/route.js';
import { resendOutbox } from '../../usecases/outbox/index.js';

export const route = httpRoute<unknown, unknown, { id: string }>(
  'outbox.resend',
  ({ deps, session, params, hooks }) => resendOutbox(deps, session, params.id, hooks()),
);

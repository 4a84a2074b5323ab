import type { OutboxQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { listOutbox } from '../../usecases/outbox/index.js';

export const route = httpRoute<unknown, OutboxQuery>('outbox.list', ({ deps, session, query }) =>
  listOutbox(deps, session, query),
);

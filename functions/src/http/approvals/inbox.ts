import type { InboxQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { approvalInbox } from '../../usecases/approval/index.js';

export const route = httpRoute<unknown, InboxQuery>('approvals.inbox', ({ deps, session, query }) =>
  approvalInbox(deps, session, query),
);

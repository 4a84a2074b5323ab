import type { IssueRequest, StockDocument } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { postIssue } from '../../usecases/stock.js';

export const route = httpRoute<IssueRequest>('stock.issues', ({ deps, session, body, hooks }) =>
  postIssue(deps, session, body, hooks<StockDocument>()),
);

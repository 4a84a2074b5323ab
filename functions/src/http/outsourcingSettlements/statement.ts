import type { OutsourcingStatementQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { outsourcingStatement } from '../../usecases/outsourcing/settlements.js';

export const route = httpRoute<unknown, OutsourcingStatementQuery>(
  'outsourcingSettlements.statement',
  ({ deps, session, query }) => outsourcingStatement(deps, session, query),
);

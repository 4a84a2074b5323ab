import type { OutsourcingSettlementListQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { listOutsourcingSettlements } from '../../usecases/outsourcing/settlements.js';

export const route = httpRoute<unknown, OutsourcingSettlementListQuery>(
  'outsourcingSettlements.list',
  ({ deps, session, query }) => listOutsourcingSettlements(deps, session, query),
);

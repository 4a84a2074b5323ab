import { httpRoute } from '../../middleware/route.js';
import { getOutsourcingSettlement } from '../../usecases/outsourcing/settlements.js';

export const route = httpRoute<unknown, unknown, { no: string }>(
  'outsourcingSettlements.get',
  ({ deps, session, params }) => getOutsourcingSettlement(deps, session, params.no),
);

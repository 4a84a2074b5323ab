import type { OutsourcingSettlementCreate } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { settleOutsourcing } from '../../usecases/outsourcing/settlements.js';

export const route = httpRoute<OutsourcingSettlementCreate>(
  'outsourcingSettlements.create',
  ({ deps, session, body, hooks }) => settleOutsourcing(deps, session, body, hooks()),
);

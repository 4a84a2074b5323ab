import type { CostingSettingsInput } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { putCostingSettings } from '../../usecases/costing/bounds.js';

export const route = httpRoute<CostingSettingsInput>(
  'costing.putSettings',
  ({ deps, session, body, hooks }) => putCostingSettings(deps, session, body, hooks()),
);

import type { ForecastCreate } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { createForecast } from '../../usecases/planning/forecasts.js';

export const route = httpRoute<ForecastCreate>(
  'forecasts.create',
  ({ deps, session, body, hooks }) => createForecast(deps, session, body, hooks()),
);

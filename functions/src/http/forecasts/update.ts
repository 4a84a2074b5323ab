import type { ForecastParams, ForecastUpdate } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { updateForecast } from '../../usecases/planning/forecasts.js';

export const route = httpRoute<ForecastUpdate, unknown, ForecastParams>(
  'forecasts.update',
  ({ deps, session, params, body, hooks }) => updateForecast(deps, session, params, body, hooks()),
);

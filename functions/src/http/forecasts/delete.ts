import type { ForecastDeleteQuery, ForecastParams } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { deleteForecast } from '../../usecases/planning/forecasts.js';

export const route = httpRoute<unknown, ForecastDeleteQuery, ForecastParams>(
  'forecasts.delete',
  ({ deps, session, params, query, hooks }) =>
    deleteForecast(deps, session, params, query.expectedVersion, hooks()),
);

import type { ForecastListQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { listForecasts } from '../../usecases/planning/forecasts.js';

export const route = httpRoute<unknown, ForecastListQuery>(
  'forecasts.list',
  ({ deps, session, query }) => listForecasts(deps, session, query),
);

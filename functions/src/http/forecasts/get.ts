import type { ForecastParams } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { getForecast } from '../../usecases/planning/forecasts.js';

export const route = httpRoute<unknown, unknown, ForecastParams>(
  'forecasts.get',
  ({ deps, session, params }) => getForecast(deps, session, params.item, params.from),
);

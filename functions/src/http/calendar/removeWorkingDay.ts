import type { CalendarDateParams } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { removeDate } from '../../usecases/planning/calendar.js';

export const route = httpRoute<unknown, unknown, CalendarDateParams>(
  'calendar.removeWorkingDay',
  ({ deps, session, params, hooks }) =>
    removeDate(deps, session, 'extraWorkingDays', params.date, hooks()),
);

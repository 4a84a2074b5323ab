import type { CalendarDateBody } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { addDate } from '../../usecases/planning/calendar.js';

export const route = httpRoute<CalendarDateBody>(
  'calendar.addWorkingDay',
  ({ deps, session, body, hooks }) =>
    addDate(deps, session, 'extraWorkingDays', body.date, hooks()),
);

import type { CalendarDateBody } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { addDate } from '../../usecases/planning/calendar.js';

export const route = httpRoute<CalendarDateBody>(
  'calendar.addHoliday',
  ({ deps, session, body, hooks }) => addDate(deps, session, 'holidays', body.date, hooks()),
);

import type { CalendarWeekdaysPut } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { putWeekdays } from '../../usecases/planning/calendar.js';

export const route = httpRoute<CalendarWeekdaysPut>(
  'calendar.putWeekdays',
  ({ deps, session, body, hooks }) => putWeekdays(deps, session, body.nonWorkingWeekdays, hooks()),
);

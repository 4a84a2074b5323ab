import { httpRoute } from '../../middleware/route.js';
import { getCalendar } from '../../usecases/planning/calendar.js';

export const route = httpRoute('calendar.get', ({ deps, session }) => getCalendar(deps, session));

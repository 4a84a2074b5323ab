// The planning area's Lambda: every route of the area behind one router (src/http/areas.ts).
import { planningAreaRoutes } from '@factory/shared';
import { wire } from '../deps.js';
import { stepFunctions } from '../composition/workflows.js';
import { areaRouter } from '../http/router.js';
import * as mrpStartRun from '../http/mrp/startRun.js';
import * as mrpListRuns from '../http/mrp/listRuns.js';
import * as mrpGetRun from '../http/mrp/getRun.js';
import * as mrpPlannedOrders from '../http/mrp/plannedOrders.js';
import * as mrpRelease from '../http/mrp/release.js';
import * as mrpKitting from '../http/mrp/kitting.js';
import * as mrpShortage from '../http/mrp/shortage.js';
import * as forecastsCreate from '../http/forecasts/create.js';
import * as forecastsList from '../http/forecasts/list.js';
import * as forecastsGet from '../http/forecasts/get.js';
import * as forecastsUpdate from '../http/forecasts/update.js';
import * as forecastsDelete from '../http/forecasts/delete.js';
import * as calendarGet from '../http/calendar/get.js';
import * as calendarPutWeekdays from '../http/calendar/putWeekdays.js';
import * as calendarAddHoliday from '../http/calendar/addHoliday.js';
import * as calendarRemoveHoliday from '../http/calendar/removeHoliday.js';
import * as calendarAddWorkingDay from '../http/calendar/addWorkingDay.js';
import * as calendarRemoveWorkingDay from '../http/calendar/removeWorkingDay.js';

wire(stepFunctions);

export const handler = areaRouter('planning', planningAreaRoutes, {
  'mrp.startRun': mrpStartRun,
  'mrp.listRuns': mrpListRuns,
  'mrp.getRun': mrpGetRun,
  'mrp.plannedOrders': mrpPlannedOrders,
  'mrp.release': mrpRelease,
  'mrp.kitting': mrpKitting,
  'mrp.shortage': mrpShortage,
  'forecasts.create': forecastsCreate,
  'forecasts.list': forecastsList,
  'forecasts.get': forecastsGet,
  'forecasts.update': forecastsUpdate,
  'forecasts.delete': forecastsDelete,
  'calendar.get': calendarGet,
  'calendar.putWeekdays': calendarPutWeekdays,
  'calendar.addHoliday': calendarAddHoliday,
  'calendar.removeHoliday': calendarRemoveHoliday,
  'calendar.addWorkingDay': calendarAddWorkingDay,
  'calendar.removeWorkingDay': calendarRemoveWorkingDay,
});

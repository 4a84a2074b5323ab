import type {
  Forecast,
  ForecastCreate,
  ForecastUpdate,
  Page,
  Unit,
  WorkCalendar,
} from '@factory/shared';
import { apiRequest } from '../platform/request';

/** Planning inputs over the API (contracts: shared/src/contracts/planning.ts). */
export function listForecasts(query: { item?: string; limit?: number }): Promise<Page<Forecast>> {
  return apiRequest({ method: 'GET', path: '/api/forecasts', query: { limit: 200, ...query } });
}

const forecastPath = (item: string, from: string) =>
  `/api/forecasts/${encodeURIComponent(item)}/${encodeURIComponent(from)}`;

export function createForecast(body: ForecastCreate, idempotencyKey?: string): Promise<Forecast> {
  return apiRequest({
    method: 'POST',
    path: '/api/forecasts',
    body,
    ...(idempotencyKey ? { idempotencyKey } : {}),
  });
}

export function updateForecast(
  item: string,
  from: string,
  body: ForecastUpdate,
  idempotencyKey?: string,
): Promise<Forecast> {
  return apiRequest({
    method: 'PATCH',
    path: forecastPath(item, from),
    body,
    ...(idempotencyKey ? { idempotencyKey } : {}),
  });
}

export function deleteForecast(
  item: string,
  from: string,
  expectedVersion: number,
): Promise<unknown> {
  return apiRequest({
    method: 'DELETE',
    path: forecastPath(item, from),
    query: { expectedVersion },
  });
}

export function getCalendar(): Promise<WorkCalendar> {
  return apiRequest({ method: 'GET', path: '/api/calendar' });
}

export function putWeekdays(nonWorkingWeekdays: number[]): Promise<WorkCalendar> {
  return apiRequest({
    method: 'PUT',
    path: '/api/calendar/weekdays',
    body: { nonWorkingWeekdays },
  });
}

export type CalendarDates = 'holidays' | 'working-days';

export function addCalendarDate(list: CalendarDates, date: string): Promise<WorkCalendar> {
  return apiRequest({ method: 'POST', path: `/api/calendar/${list}`, body: { date } });
}

export function removeCalendarDate(list: CalendarDates, date: string): Promise<WorkCalendar> {
  return apiRequest({
    method: 'DELETE',
    path: `/api/calendar/${list}/${encodeURIComponent(date)}`,
  });
}

export function listUnits(): Promise<Page<Unit>> {
  return apiRequest({ method: 'GET', path: '/api/units', query: { limit: 200 } });
}

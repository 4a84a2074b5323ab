import {
  AppError,
  CALENDAR_MAX_DATES,
  type Session,
  type WorkCalendar,
  invalidRequest,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import {
  type CalendarRecord,
  DEFAULT_CALENDAR,
  planningInputRepo,
} from '../../store/planningInputRepo.js';
import { completing, type CommitHooks } from '../hooks.js';

/**
 * The work calendar (工作日历) through the API: the weekly pattern, holidays and extra working
 * days (调休上班). One record per tenant, the one an import writes and MRP reads. A change
 * reads it and writes it back guarded by its version, so two planners' changes never lose
 * one another (the second is 409 and simply retried by the client). Rules chosen: a date is
 * either a holiday or an extra working day, never both; an extra working day overrides the
 * weekly pattern and holidays alike.
 */

type Stored = { record: CalendarRecord; version: number | undefined };

async function read(deps: Deps, tenant: string): Promise<Stored> {
  const stored = await planningInputRepo(deps, tenant).getCalendar();
  if (stored) return { record: stored, version: stored.version };
  return {
    record: {
      nonWorkingWeekdays: [...DEFAULT_CALENDAR.nonWorkingWeekdays],
      holidays: [],
      extraWorkingDays: [],
      version: 0,
    },
    version: undefined,
  };
}

function answer(r: CalendarRecord, stored: boolean): WorkCalendar {
  return {
    nonWorkingWeekdays: [...r.nonWorkingWeekdays].sort((a, b) => a - b),
    holidays: [...r.holidays].sort(),
    extraWorkingDays: [...r.extraWorkingDays].sort(),
    ...(stored ? { version: r.version } : {}),
    ...(r.updatedAt ? { updatedAt: r.updatedAt } : {}),
    ...(r.updatedBy ? { updatedBy: r.updatedBy } : {}),
  };
}

export async function getCalendar(deps: Deps, s: Session): Promise<WorkCalendar> {
  const { record, version } = await read(deps, s.tenant);
  return answer(record, version !== undefined);
}

/** Reads, changes and writes back the calendar in one guarded transaction. */
async function change(
  deps: Deps,
  s: Session,
  hooks: CommitHooks<WorkCalendar>,
  edit: (r: CalendarRecord) => Omit<CalendarRecord, 'version'>,
): Promise<WorkCalendar> {
  const { record, version } = await read(deps, s.tenant);
  const next: CalendarRecord = {
    ...record,
    ...edit(record),
    version: (version ?? 0) + 1,
    updatedAt: deps.clock.now().toISOString(),
    updatedBy: s.user,
  };
  const result = answer(next, true);
  const repo = planningInputRepo(deps, s.tenant);
  await deps.unitOfWork.commit(completing(hooks, result, [repo.putCalendar(next, version)]));
  return result;
}

export function putWeekdays(
  deps: Deps,
  s: Session,
  nonWorkingWeekdays: readonly number[],
  hooks: CommitHooks<WorkCalendar> = {},
): Promise<WorkCalendar> {
  return change(deps, s, hooks, (r) => ({
    ...r,
    nonWorkingWeekdays: [...nonWorkingWeekdays].sort((a, b) => a - b),
  }));
}

type DateList = 'holidays' | 'extraWorkingDays';
const OTHER: Record<DateList, DateList> = {
  holidays: 'extraWorkingDays',
  extraWorkingDays: 'holidays',
};
const LABEL: Record<DateList, { entity: string; text: string }> = {
  holidays: { entity: 'holiday', text: '节假日' },
  extraWorkingDays: { entity: 'extraWorkingDay', text: '调休工作日' },
};

export function addDate(
  deps: Deps,
  s: Session,
  list: DateList,
  date: string,
  hooks: CommitHooks<WorkCalendar> = {},
): Promise<WorkCalendar> {
  return change(deps, s, hooks, (r) => {
    if (r[list].includes(date)) {
      throw new AppError(
        'resource.exists',
        `${date} 已是${LABEL[list].text}`,
        { entity: LABEL[list].entity, id: date },
        [{ path: ['body', 'date'], message: `${date} 已是${LABEL[list].text}` }],
      );
    }
    if (r[OTHER[list]].includes(date)) {
      throw invalidRequest([
        {
          path: ['body', 'date'],
          message: `${date} 已是${LABEL[OTHER[list]].text}，请先删除`,
        },
      ]);
    }
    if (r[list].length >= CALENDAR_MAX_DATES) {
      throw invalidRequest([
        { path: ['body', 'date'], message: `${LABEL[list].text}最多 ${CALENDAR_MAX_DATES} 个` },
      ]);
    }
    return { ...r, [list]: [...r[list], date].sort() };
  });
}

export function removeDate(
  deps: Deps,
  s: Session,
  list: DateList,
  date: string,
  hooks: CommitHooks<WorkCalendar> = {},
): Promise<WorkCalendar> {
  return change(deps, s, hooks, (r) => {
    if (!r[list].includes(date)) {
      throw new AppError('resource.notFound', `${date} 不是${LABEL[list].text}`, {
        entity: LABEL[list].entity,
        id: date,
      });
    }
    return { ...r, [list]: r[list].filter((d) => d !== date) };
  });
}

import {
  AppError,
  type Approval,
  type FieldIssue,
  type PeriodEvent,
  type Qty,
  type Session,
  qty,
  toFieldIssues,
} from '@factory/shared';
import type * as z from 'zod';
import { DEMO_USERS, demoSession } from '../../auth/demoUsers.js';
import { clockStartingAt, useClock } from '../../deps.js';
import { decideStep, getApproval } from '../../usecases/approval/index.js';
import type { LoadContext } from './load.js';

/** The hour of the business day a file's event happens at (Asia/Shanghai). */
const EVENT_HOUR = '10:00:00+08:00';

/** The demo manager (周军), who approves what the loader submits. */
const MANAGER = 'zhoujun';

/** Why the loader's supplementary issues and sends were needed (the product asks for one). */
export const BEYOND_NEEDS = '期间文件：超出需求的领料';

/** The file's event of a kind. */
export type EventOf<K extends PeriodEvent['kind']> = Extract<PeriodEvent, { kind: K }>;

export type Path = (string | number)[];

/**
 * Where a request's refused field is in the event: the request line's event line and the
 * event's name of the field. A use case names `body.lines.2.countedQty`; the file says
 * `events.7.lines.0.diff`.
 */
export type LineMap = {
  lines?: number[];
  fields?: Record<string, string>;
  /** The event line of a stock shortage (item and warehouse), for a 409 without issues. */
  shortage?: (item: string, warehouse: string) => number | undefined;
};

/** The business clock set to the hour of the file's events on a date. */
export function useClockOn(date: string): void {
  useClock(clockStartingAt(new Date(`${date}T${EVENT_HOUR}`)));
}

/** A shortage's event line: the first line of the item in the warehouse (its `field`). */
export function byLine<F extends string>(
  lines: readonly ({ item: string } & Record<F, string>)[],
  field: F,
): LineMap['shortage'] {
  return (item, warehouse) => {
    const j = lines.findIndex((l) => l.item === item && l[field] === warehouse);
    return j < 0 ? undefined : j;
  };
}

/** The lines with their index in the event (`j`), what the line map names. */
function indexed<L extends object>(lines: readonly L[]): (L & { j: number })[] {
  return lines.map((l, j) => ({ ...l, j }));
}

/** The lines as a request takes them: without their index in the event. */
export function unindexed<L extends { j: number }>(lines: readonly L[]): Omit<L, 'j'>[] {
  return lines.map(({ j: _j, ...l }) => l);
}

/** A list in runs of at most `size`. */
function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Posts the lines in runs of at most `size`, the line map naming each run's event lines. */
export async function inRuns<L extends { j: number }>(
  lines: readonly L[],
  size: number,
  map: LineMap,
  post: (part: L[]) => Promise<unknown>,
): Promise<void> {
  for (const part of chunks(lines, size)) {
    map.lines = part.map((l) => l.j);
    await post(part);
  }
}

/**
 * The event's lines in orders of at most `size` lines: each order created, submitted (approved
 * if the rules ask), then posted (received, delivered) with its run of lines.
 */
export async function inOrders<L extends object, O extends { no: string; version: number }>(
  ctx: LoadContext,
  lines: readonly L[],
  size: number,
  map: LineMap,
  order: {
    create: (part: (L & { j: number })[]) => Promise<O>;
    submit: (draft: O) => Promise<{ status: string; approvalId?: string }>;
    post: (draft: O, part: (L & { j: number })[]) => Promise<unknown>;
  },
): Promise<void> {
  await inRuns(indexed(lines), size, map, async (part) => {
    const draft = await order.create(part);
    const submitted = await order.submit(draft);
    if (submitted.status === 'pending') await approve(ctx, submitted.approvalId!);
    await order.post(draft, part);
  });
}

/** Every item of a paged list, a page read when the one before has been gone through. */
export async function* allPages<T>(
  read: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string | null }>,
): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

export function maxZero(q: Qty): Qty {
  return q.isNegative() ? qty(0) : q;
}

export function least(a: Qty, b: Qty): Qty {
  return a.lessThan(b) ? a : b;
}

/** A request the loader built, parsed by its contract as a handler would (defaults applied). */
export function parse<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new AppError(
      'request.invalid',
      '有些内容需要修改，请看标红的地方',
      undefined,
      toFieldIssues(parsed.error).map((i) => ({ ...i, path: ['body', ...i.path] })),
    );
  }
  return parsed.data;
}

/** A request's path without its leading `body` (what a handler's refusal names). */
export function withoutBody(path: Path): Path {
  return path[0] === 'body' ? path.slice(1) : path;
}

/** The loader's refusal: every problem at its path in the file. */
export function refusal(issues: FieldIssue[]): AppError {
  return new AppError(
    'request.invalid',
    `期间文件未能载入：${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('；')}`.slice(
      0,
      2_000,
    ),
    { periodFile: true },
    issues,
  );
}

/** Every step of a pending approval decided by a demo user of its roles (the manager first). */
export async function approve(ctx: LoadContext, approvalId: string): Promise<void> {
  for (let decided = 0; decided < 10; decided++) {
    const approval: Approval = await decideStep(
      ctx.deps,
      approverOf(ctx, await stepRoles(ctx, approvalId)),
      approvalId,
      { approve: true, via: 'miniapp', comment: '期间文件导入' },
    );
    if (approval.status !== 'pending') return;
  }
}

async function stepRoles(ctx: LoadContext, approvalId: string): Promise<string[]> {
  const approval = await getApproval(ctx.deps, ctx.admin, approvalId);
  return approval.steps[approval.currentStep - 1]?.roles ?? ['manager'];
}

/** The manager when the step is a manager's, else the first demo user of one of its roles. */
function approverOf(ctx: LoadContext, roles: string[]): Session {
  const may = (u: (typeof DEMO_USERS)[number]) =>
    u.user !== ctx.admin.user && u.roles.some((r) => roles.includes(r));
  const manager = DEMO_USERS.find((u) => u.user === MANAGER)!;
  const user = may(manager) ? manager : (DEMO_USERS.find(may) ?? manager);
  return demoSession(user.user, ctx.tenant)!;
}

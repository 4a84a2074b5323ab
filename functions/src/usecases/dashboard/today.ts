import type { Deps } from '../../deps.js';
import { shanghaiDate } from '../time.js';

/** Today in the factory's business clock (never the machine's own). */
export const businessToday = (deps: Pick<Deps, 'clock'>): string => shanghaiDate(deps.clock.now());

/** Reads every page of a paged list. */
export async function allPages<T>(
  read: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

import type { Deps } from '../../deps.js';
import { shanghaiDate } from '../time.js';

/** Today in the factory's business clock (never the machine's own). */
export const businessToday = (deps: Pick<Deps, 'clock'>): string => shanghaiDate(deps.clock.now());

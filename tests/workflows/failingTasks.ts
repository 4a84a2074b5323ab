import { AppError } from '@factory/shared';
import type { TaskWrapper } from '../../functions/local/workflows.js';

/**
 * Workflow tasks that fail on demand, for the local runner's `wrapTask`: `failOnce` makes a
 * state fail once *after* doing its work (as a crash would), `failHard` refuses it for good
 * (an AppError, never retried); `attempts` counts each state's calls.
 */
export function failingTasks(states?: readonly string[]) {
  const control = {
    attempts: new Map<string, number>(),
    failOnce: new Set<string>(),
    failHard: new Set<string>(),
    wrap: (() => undefined) as unknown as TaskWrapper,
  };
  control.wrap = (state, task) => async (input) => {
    if (states && !states.includes(state)) return task(input);
    control.attempts.set(state, (control.attempts.get(state) ?? 0) + 1);
    if (control.failHard.has(state)) throw new AppError('request.invalid', `${state} refused`);
    const out = await task(input);
    if (control.failOnce.has(state)) {
      control.failOnce.delete(state);
      throw new Error(`${state} crashed after doing its work`);
    }
    return out;
  };
  return control;
}

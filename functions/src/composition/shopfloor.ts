// Composition root pieces: what an entry point wires into the use cases' ports (deps.ts).
import type { Wiring } from '../deps.js';
import { wecomCompletionNotifier } from '../usecases/shopfloor/notifier.js';

/** A task order completed by a work report: the supervisors get a WeCom text. */
export const taskCompletion: Wiring = () => ({ completionNotifier: wecomCompletionNotifier });

// Composition root pieces: what an entry point wires into the use cases' ports (deps.ts).
import type { Wiring } from '../deps.js';
import { stepFunctionsStarter } from '../workflows/starter.js';

/** Workflows start as Step Functions executions of their state machines (AWS). */
export const stepFunctions: Wiring = (config) => ({ workflows: stepFunctionsStarter(config) });

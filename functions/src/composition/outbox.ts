// Composition root pieces: what an entry point wires into the use cases' ports (deps.ts).
import type { Wiring } from '../deps.js';
import { wecomApprovalNotifier } from '../usecases/approval/notifier.js';
import { approvals } from './approvals.js';
import { taskCompletion } from './shopfloor.js';
import { stepFunctions } from './workflows.js';

/**
 * The outbox worker delivers every kind of outbox message: the approval engine's cards and
 * texts, and the task-order completion notices (its handlers also reach the approval
 * documents' registry through the approval engine); and starts the net-change MRP runs
 * that confirmed sales orders ask for.
 */
export const outboxDelivery: Wiring = (config) => ({
  ...approvals(config),
  ...taskCompletion(config),
  // Net-change requests start MRP runs.
  ...stepFunctions(config),
  approvalNotifier: wecomApprovalNotifier,
});

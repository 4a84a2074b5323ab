import type { ApprovalDocuments } from './approval/documents.js';
import type { ApprovalNotifier } from './approval/notifier.js';
import type { CompletionNotifier } from './shopfloor/notifier.js';
import type { Reversible } from '../store/reversible.js';
import type { TxItem } from '../store/transact.js';

/**
 * The ports a use case reaches the world through besides the store. Use cases receive them in
 * `deps` (functions/src/deps.ts) and import no adapter for them: the composition root of each
 * entry point (an area Lambda, the WeCom processor, the local runtime) wires the adapters
 * (functions/src/composition/), and tests swap them (`useClock`, `useApprovalNotifier`, ...).
 */
export type Ports = {
  /** Business time: a clock the local runtime and tests start on a fixed date. */
  clock: Clock;
  /** Starts a workflow run (Step Functions in AWS, the local runner of the same ASL). */
  workflows: WorkflowStarter;
  /** Approval cards and texts (WeCom). */
  approvalNotifier: ApprovalNotifier;
  /** The supervisors told of a completed task order (WeCom). */
  completionNotifier: CompletionNotifier;
  /** The document types the approval engine moves on when an approval finishes. */
  approvalDocuments: ApprovalDocuments;
};

export type Clock = { now(): Date };

export type WorkflowName = 'mrp';

/**
 * Starts the named workflow. An execution name starts one execution: starting it again (a
 * retry resuming a request) does nothing.
 */
export type WorkflowStarter = (
  name: WorkflowName,
  input: Record<string, unknown>,
  executionName: string,
) => Promise<void>;

/**
 * Planned, not in deps yet (docs/architecture.md, "Ports and composition"): the writes of a
 * use case committed as one unit whatever their number, so a use case no longer chooses
 * between transactWrite (one transaction), reversibleApply (chunks with a log) and a posting
 * record. Writes that fit one transaction (with `last`) are committed in one; more go in
 * chunks of at most 100 items with a log under `owner` (linked to the request's key by
 * `first`), so an interrupted commit is resumed or rolled back and a failed chunk takes back
 * the chunks before it; `last` rides in the final chunk, `everyChunk` in each chunk and undo.
 * Groups stay in one chunk.
 */
export interface UnitOfWork {
  commit(
    groups: readonly Reversible[][],
    options: { owner: string; last?: TxItem[]; everyChunk?: TxItem[]; first?: () => TxItem[] },
  ): Promise<void>;
}

export type { ApprovalDocuments, ApprovalNotifier, CompletionNotifier };

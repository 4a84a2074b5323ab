import type { Session } from '@factory/shared';
import type { Deps } from '../deps.js';
import { stepOfCardTaskId } from '../domain/approval/index.js';
import { retryUseCase } from '../store/conflicts.js';
import { userRepo } from '../store/userRepo.js';
import {
  askForRejectReason,
  decideApproval,
  isReasonRequired,
} from '../usecases/approval/index.js';
import type { CallbackJob } from './dispatcher.js';
import { parseCardAction } from './events.js';
import { log } from '../telemetry/log.js';

export type Decide = typeof decideApproval;

export type ProcessOutcome =
  | { kind: 'decided'; approvalId: string; approve: boolean; user: string }
  | { kind: 'reasonRequested'; approvalId: string; user: string }
  | { kind: 'ignored'; reason: string };

/**
 * What a verified callback means to the product. A card button click
 * (`template_card_event`, key `approve:<id>` / `reject:<id>`) is the clicking user's
 * decision: their product user becomes the session the approval engine checks. A card's
 * 驳回 carries no reason, which a rejection needs: the engine refuses it, and the approver is
 * told to reject in the mini-program with a reason (the approval and card stay open).
 */
export async function processCallback(
  deps: Deps,
  job: CallbackJob,
  decide: Decide = decideApproval,
  askForReason: typeof askForRejectReason = askForRejectReason,
): Promise<ProcessOutcome> {
  const { tenant, message } = job;
  if (message.msgType !== 'event' || message.event !== 'template_card_event') {
    return ignored(job, `not handled: ${message.msgType}/${message.event ?? ''}`);
  }
  const action = parseCardAction(message.eventKey);
  if (!action) return ignored(job, `unknown button key: ${message.eventKey ?? ''}`);
  const user = await userRepo(deps, tenant).get(message.fromUserName);
  if (!user) return ignored(job, `not a product user: ${message.fromUserName}`);
  if (!user.active) return ignored(job, `inactive user: ${message.fromUserName}`);
  const session: Session = { tenant, user: user.userid, name: user.name, roles: user.roles };
  const step = stepOfCardTaskId(action.approvalId, message.taskId);
  try {
    // As an API request does: again from fresh reads after a transaction conflict.
    await retryUseCase(() =>
      decide(deps, session, action.approvalId, {
        approve: action.approve,
        via: 'wecom',
        ...(message.responseCode ? { responseCode: message.responseCode } : {}),
        ...(step !== undefined ? { step } : {}),
      }),
    );
  } catch (err) {
    if (!isReasonRequired(err)) throw err;
    await askForReason(deps, session, action.approvalId);
    return { kind: 'reasonRequested', approvalId: action.approvalId, user: user.userid };
  }
  return {
    kind: 'decided',
    approvalId: action.approvalId,
    approve: action.approve,
    user: user.userid,
  };
}

function ignored(job: CallbackJob, reason: string): ProcessOutcome {
  log.info('wecom callback ignored', { tenant: job.tenant, reason });
  return { kind: 'ignored', reason };
}

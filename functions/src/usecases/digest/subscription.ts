import {
  DEFAULT_DIGEST_HOUR,
  type DigestSubscription,
  type DigestSubscriptionInput,
  type Session,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import { digestRepo } from '../../store/digestRepo.js';
import { completing, type CommitHooks } from '../hooks.js';

/** One's own subscription: off at the default hour until saved. */
export async function getDigestSubscription(deps: Deps, s: Session): Promise<DigestSubscription> {
  return (
    (await digestRepo(deps, s.tenant).get(s.user)) ?? {
      user: s.user,
      enabled: false,
      hour: DEFAULT_DIGEST_HOUR,
    }
  );
}

/**
 * Turns one's digest on or off; the hour given, else the one saved before, else 8. Written in
 * one transaction with `hooks.onComplete` (the idempotency record).
 */
export async function putDigestSubscription(
  deps: Deps,
  s: Session,
  input: DigestSubscriptionInput,
  hooks: CommitHooks<DigestSubscription> = {},
): Promise<DigestSubscription> {
  const repo = digestRepo(deps, s.tenant);
  const before = await repo.get(s.user);
  const sub: DigestSubscription = {
    user: s.user,
    enabled: input.enabled,
    hour: input.hour ?? before?.hour ?? DEFAULT_DIGEST_HOUR,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.unitOfWork.commit(completing(hooks, sub, [repo.put(sub)]));
  return sub;
}

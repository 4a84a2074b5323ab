import { ApiError } from '../platform/request';
import type { SubmitKeys } from './submitKey';

/**
 * One submit of an action with its Idempotency-Key. platform/request already retries an
 * unanswered request with the same key; if every try went unanswered, the key is kept so the
 * person's next press (same data) reuses it and the server posts the document at most once.
 * Any answer from the server (success or a definite error) ends the submit.
 */
export async function submitWithKey<T>(
  keys: SubmitKeys,
  action: string,
  payload: unknown,
  send: (key: string) => Promise<T>,
): Promise<T> {
  const key = keys.keyFor(action, payload);
  try {
    const result = await send(key);
    keys.settled(action);
    return result;
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 0)) keys.settled(action);
    throw err;
  }
}

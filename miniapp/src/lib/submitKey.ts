import { newIdempotencyKey } from '../platform/request';

/**
 * The Idempotency-Key of one submit, kept while the outcome is unknown. A button press makes
 * a fresh key; pressing again after the request got no answer (timeout, network lost) with
 * the same data reuses it, so an order that did reach the server is not entered twice. Once
 * the server answered (success or a definite error) the next press starts a new submit.
 */
export class SubmitKeys {
  private pending = new Map<string, { payload: string; key: string }>();

  constructor(private readonly make: () => string = newIdempotencyKey) {}

  /** The key for this action and payload. */
  keyFor(action: string, payload: unknown): string {
    const text = stableJson(payload);
    const last = this.pending.get(action);
    if (last && last.payload === text) return last.key;
    const key = this.make();
    this.pending.set(action, { payload: text, key });
    return key;
  }

  /** The server answered: the next submit of this action gets a new key. */
  settled(action: string): void {
    this.pending.delete(action);
  }
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

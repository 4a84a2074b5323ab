// A fair readers-writer lock for the transactions front.
//
// Readers share the lock; a writer holds it alone. Waiters are served in arrival order
// (a reader that arrives after a queued writer waits behind it), so a steady stream of
// reads cannot starve a transaction and a burst of transactions cannot starve reads.

type Waiter = { kind: 'read' | 'write'; grant: () => void };

export class RwLock {
  private readers = 0;
  private writer = false;
  private readonly queue: Waiter[] = [];

  /** Runs fn while holding the shared (read) lock. */
  read<T>(fn: () => Promise<T>): Promise<T> {
    return this.hold('read', fn);
  }

  /** Runs fn while holding the exclusive (write) lock. */
  write<T>(fn: () => Promise<T>): Promise<T> {
    return this.hold('write', fn);
  }

  private async hold<T>(kind: Waiter['kind'], fn: () => Promise<T>): Promise<T> {
    await this.acquire(kind);
    try {
      return await fn();
    } finally {
      this.release(kind);
    }
  }

  private acquire(kind: Waiter['kind']): Promise<void> {
    // Fast path only when nobody is queued, otherwise we would overtake a waiting writer.
    if (this.queue.length === 0 && this.canGrant(kind)) {
      this.take(kind);
      return Promise.resolve();
    }
    return new Promise((resolve) => this.queue.push({ kind, grant: resolve }));
  }

  private canGrant(kind: Waiter['kind']): boolean {
    return kind === 'read' ? !this.writer : !this.writer && this.readers === 0;
  }

  private take(kind: Waiter['kind']): void {
    if (kind === 'read') this.readers++;
    else this.writer = true;
  }

  private release(kind: Waiter['kind']): void {
    if (kind === 'read') this.readers--;
    else this.writer = false;
    // Grant from the head of the queue: one writer, or every consecutive reader.
    while (this.queue.length > 0 && this.canGrant(this.queue[0]!.kind)) {
      const next = this.queue.shift()!;
      this.take(next.kind);
      next.grant();
    }
  }
}

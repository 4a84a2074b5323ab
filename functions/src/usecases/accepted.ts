/**
 * A use case's answer to work that goes on after the response: the route answers it 202
 * Accepted with `body` (the job to poll) instead of its usual status.
 */
export class Accepted<T> {
  constructor(readonly body: T) {}
}

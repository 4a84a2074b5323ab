import { invokeAsync } from '../adapters/aws/lambda.js';
import type { Config } from '../config.js';
import type { CallbackMessage } from './events.js';

/** An acked, verified, de-duplicated callback, handed to the processor. */
export type CallbackJob = { tenant: string; message: CallbackMessage; receivedAt: string };

export type CallbackDispatcher = (job: CallbackJob) => Promise<void>;

let local: CallbackDispatcher | undefined;

/** The local runtime processes callbacks in process, after the response has gone out. */
export function useCallbackDispatcher(dispatcher: CallbackDispatcher | undefined): void {
  local = dispatcher;
}

/**
 * Hands a job to the processor without waiting for it: locally in process; in AWS an
 * asynchronous invoke of the processor Lambda (Lambda queues it and retries on failure).
 */
export async function dispatchCallback(config: Config, job: CallbackJob): Promise<void> {
  if (local) return local(job);
  const fn = config.wecom.processorFunction;
  if (!fn) throw new Error('WECOM_PROCESSOR_FUNCTION is not set');
  await invokeAsync(config.region, fn, job);
}

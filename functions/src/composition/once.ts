import type { ApiDocumentSource } from '../usecases/ports.js';

/** A document source loaded once per container; a failed load is tried again next time. */
export function once(
  load: (version: string) => Promise<Record<string, unknown>>,
): ApiDocumentSource {
  let cached: Promise<Record<string, unknown>> | undefined;
  return (version) => {
    cached ??= load(version).catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
    return cached;
  };
}

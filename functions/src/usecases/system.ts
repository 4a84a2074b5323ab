import type { Health } from '@factory/shared';
import type { Deps } from '../deps.js';
import { tableReachable } from '../store/health.js';

/** Liveness and table reachability (one data-plane read: store/health.ts). */
export async function health(deps: Deps): Promise<Health> {
  const database: Health['database'] = (await tableReachable(deps)) ? 'ok' : 'unreachable';
  return {
    status: 'ok',
    service: 'factory-erp',
    version: deps.config.version,
    time: deps.clock.now().toISOString(),
    database,
  };
}

/**
 * This API's OpenAPI document. Where it comes from is the entry point's choice (ports.ts): the
 * deployed system function reads the generated docs/openapi.json shipped beside its bundle, so
 * it carries neither the whole route table nor the document builder.
 */
export function openApiDocument(deps: Deps) {
  return deps.apiDocument(deps.config.version);
}

import type { RouteHandler } from './route.js';

/**
 * Headers every API response carries, whatever built it (JSON, an error, a replay, a file, the
 * WeCom callback's text): a browser never sniffs an API answer into something it would run.
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
};

export function withSecurityHeaders(handler: RouteHandler): RouteHandler {
  return async (event, context) => {
    const result = await handler(event, context);
    if (typeof result !== 'object' || result === null) return result;
    return { ...result, headers: { ...API_SECURITY_HEADERS, ...result.headers } };
  };
}

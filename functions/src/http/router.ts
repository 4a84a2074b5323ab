import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { AppError, type RouteContract } from '@factory/shared';
import { errorToResponse } from '../middleware/errors.js';
import { withSecurityHeaders } from '../middleware/headers.js';
import { decodePathSegment } from '../middleware/pathParams.js';
import type { HttpRoute, RouteHandler } from '../middleware/route.js';
import { areaOfRoute, type Area, type LOCAL_AREA } from './areas.js';

type Compiled = { route: RouteContract; pattern: RegExp; names: string[] };

/** An area's Lambda handler, with the routes it serves (for tests and tools). */
export type AreaRouter = RouteHandler & { readonly routes: readonly RouteContract[] };

/**
 * The Lambda of one area: matches the request's method and path against the area's routes
 * (literal segments before parameters, as API Gateway does), puts the route key and the
 * decoded path parameters on the event, and calls that route's handler. API Gateway only forwards the
 * area's URL prefixes to it, so route matching is done here, the same way locally and in AWS.
 *
 * `own` is the area's list (shared/src/api/routes/<area>.ts), not the whole table, so the
 * bundle carries no other area's contracts; each handler module (`{ route: httpRoute(…) }`) is
 * bound to its route here. Refuses to start when a route of the list is of another area, has
 * no handler, or a handler is of no route of the list or registered under another id.
 * src/http/router.test.ts checks that each area's list is every route of the area.
 */
export function areaRouter(
  area: Area | typeof LOCAL_AREA,
  own: readonly RouteContract[],
  handlers: Record<string, { route: HttpRoute }>,
): AreaRouter {
  const strays = own.filter((r) => areaOfRoute(r) !== area).map((r) => r.id);
  if (strays.length) throw new Error(`area ${area}: routes of other areas: [${strays.join(', ')}]`);
  const missing = own.filter((r) => !handlers[r.id]).map((r) => r.id);
  const foreign = Object.keys(handlers).filter((id) => !own.some((r) => r.id === id));
  if (missing.length || foreign.length) {
    throw new Error(
      `area ${area}: handlers missing for [${missing.join(', ')}], not of this area: [${foreign.join(', ')}]`,
    );
  }
  const misfiled = Object.entries(handlers)
    .filter(([id, h]) => h.route.id !== id)
    .map(([id, h]) => `${id} (serves ${h.route.id})`);
  if (misfiled.length) {
    throw new Error(`area ${area}: handlers under another route's id: [${misfiled.join(', ')}]`);
  }
  const bound = new Map(own.map((r) => [r.id, handlers[r.id]!.route.bind(r)]));
  const compiled = own.map(compile).sort((a, b) => a.names.length - b.names.length);

  // The router's own answers (404, 405) carry the API's headers like every route's.
  const handler = withSecurityHeaders(async (event: APIGatewayProxyEventV2, context: Context) => {
    const method = event.requestContext.http.method.toUpperCase();
    const path = event.rawPath;
    const matches = compiled
      .map((c) => ({ c, m: c.pattern.exec(path) }))
      .filter((x): x is { c: Compiled; m: RegExpExecArray } => x.m !== null);
    const match = matches.find((x) => x.c.route.method === method);
    if (!match) {
      const err = matches.length
        ? new AppError('route.methodNotAllowed', '不支持的请求方法')
        : new AppError('route.notFound', `接口不存在：${method} ${path}`);
      return errorToResponse(err, context.awsRequestId);
    }
    const { route } = match.c;
    // Decoded as API Gateway decodes path parameters; the route's parser refuses a segment
    // whose escapes were malformed (passed on as sent), naming the parameter.
    const params = Object.fromEntries(
      match.c.names.map((n, i) => [n, decodePathSegment(match.m[i + 1]!)]),
    );
    const routed: APIGatewayProxyEventV2 = {
      ...event,
      routeKey: `${route.method} ${route.path}`,
      pathParameters: Object.keys(params).length ? params : undefined,
    };
    return bound.get(route.id)!(routed, context);
  });
  return Object.assign(handler, { routes: own });
}

function compile(route: RouteContract): Compiled {
  const names: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      const m = /^\{(\w+)\}$/.exec(segment);
      if (!m) return segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      names.push(m[1]!);
      return '([^/]+)';
    })
    .join('/');
  return { route, pattern: new RegExp(`^${source}$`), names };
}

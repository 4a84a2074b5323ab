import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import {
  engineeringAreaRoutes,
  routes,
  stockAreaRoutes,
  type RouteContract,
} from '@factory/shared';
import type { HttpRoute, RouteHandler } from '../middleware/route.js';
import { AREAS, LOCAL_AREA, areaOfRoute, prefixAreas } from './areas.js';
import { areaFile } from './entries.js';
import { areaRouter, type AreaRouter } from './router.js';

const context = { awsRequestId: 'req-1' } as Context;

function anEvent(method: string, rawPath: string): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'ANY /api/boms/{proxy+}',
    rawPath,
    rawQueryString: '',
    headers: {},
    requestContext: { http: { method, path: rawPath } },
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
}

/** A handler module whose handler answers with what the router handed it. */
function echo(id: string): { route: HttpRoute } {
  return {
    route: {
      id,
      bind: (route: RouteContract): RouteHandler => {
        expect(route.id).toBe(id);
        return (event) =>
          Promise.resolve({
            statusCode: 200,
            body: JSON.stringify({ id, routeKey: event.routeKey, params: event.pathParameters }),
          });
      },
    },
  };
}

const echoes = (own: readonly RouteContract[]) =>
  Object.fromEntries(own.map((r) => [r.id, echo(r.id)]));

const engineering = () =>
  areaRouter('engineering', engineeringAreaRoutes, echoes(engineeringAreaRoutes));

const call = async (router: RouteHandler, method: string, path: string) => {
  const res = (await router(anEvent(method, path), context)) as {
    statusCode: number;
    body: string;
  };
  return { status: res.statusCode, body: JSON.parse(res.body) as Record<string, unknown> };
};

describe('area router', () => {
  it('routes to the route of the method and path, with its key and decoded path parameters', async () => {
    const res = await call(engineering(), 'GET', '/api/boms/%E9%A3%8E%E6%89%87/versions/V1');
    expect(res).toEqual({
      status: 200,
      body: {
        id: 'boms.version',
        routeKey: 'GET /api/boms/{item}/versions/{version}',
        params: { item: '风扇', version: 'V1' },
      },
    });
  });

  it('prefers a literal segment over a parameter, as API Gateway does', async () => {
    const res = await call(engineering(), 'POST', '/api/boms/batch-preview');
    expect(res.body.id).toBe('boms.batchPreview');
  });

  it('answers 404 for a path of no route and 405 for a method the path does not take', async () => {
    expect(await call(engineering(), 'GET', '/api/boms/A/nothing-here')).toMatchObject({
      status: 404,
      body: { error: { code: 'route.notFound' } },
    });
    expect(await call(engineering(), 'PUT', '/api/ecns')).toMatchObject({
      status: 405,
      body: { error: { code: 'route.methodNotAllowed' } },
    });
  });

  it('passes a path parameter with malformed escapes on as sent, for the route to refuse', async () => {
    for (const bad of ['%E0%A4%A', '%', '%c0%ae']) {
      const res = await call(engineering(), 'GET', `/api/boms/${bad}/versions/V1`);
      expect(res.body.params).toEqual({ item: bad, version: 'V1' });
    }
  });

  it('refuses to start when a handler of the area is missing or belongs elsewhere', () => {
    const own = stockAreaRoutes;
    expect(() => areaRouter('stock', own, echoes(own.slice(1)))).toThrow(
      `handlers missing for [${own[0]!.id}]`,
    );
    expect(() => areaRouter('stock', own, { ...echoes(own), 'items.get': echo('x') })).toThrow(
      'not of this area: [items.get]',
    );
  });

  it("refuses to start when a handler is filed under another route's id", () => {
    const own = stockAreaRoutes;
    const [first, second] = own;
    expect(() =>
      areaRouter('stock', own, { ...echoes(own), [first!.id]: echo(second!.id) }),
    ).toThrow(`handlers under another route's id: [${first!.id} (serves ${second!.id})]`);
  });

  it('refuses to start on a route of another area', () => {
    const own = [...stockAreaRoutes, routes.find((r) => r.id === 'items.get')!];
    expect(() => areaRouter('stock', own, echoes(own))).toThrow(
      'area stock: routes of other areas: [items.get]',
    );
  });
});

describe('areas', () => {
  it('give every route one area and every URL prefix one area', () => {
    expect(() => prefixAreas(routes)).not.toThrow();
    for (const r of routes) expect([...Object.keys(AREAS), LOCAL_AREA]).toContain(areaOfRoute(r));
    expect(() =>
      prefixAreas([
        { id: 'stock.receipts', path: '/api/stock/receipts' },
        { id: 'items.get', path: '/api/stock/items' },
      ]),
    ).toThrow('served by two areas: stock and masterData');
  });

  it('each have a Lambda module that routes every route of the area', async () => {
    for (const area of [...Object.keys(AREAS), LOCAL_AREA]) {
      const mod = (await import(areaFile(area))) as { handler: AreaRouter };
      expect(typeof mod.handler).toBe('function');
      // The router checks its list against its handlers; its list must be the whole area.
      expect(mod.handler.routes.map((r) => r.id)).toEqual(
        routes.filter((r) => areaOfRoute(r) === area).map((r) => r.id),
      );
    }
  });
});

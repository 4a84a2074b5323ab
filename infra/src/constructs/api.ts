import { CorsHttpMethod, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { RouteContract } from '@factory/shared';
import { pathPrefix } from '../../../functions/src/http/areas.js';

export type ApiArea = { id: string; fn: IFunction; routes: readonly RouteContract[] };

/**
 * The HTTP API: each URL prefix of an area's routes (`/api/items`) goes, whole, to the area's
 * function, which finds the route itself (src/http/router.ts): `ANY /api/items` when a route
 * sits at the prefix, `ANY /api/items/{proxy+}` when one sits below it. The stack thus grows
 * by area, not by route. One integration per area; the invoke permission is granted once per
 * function for the whole API instead of once per route.
 */
export class Api extends Construct {
  readonly httpApi: HttpApi;

  constructor(scope: Construct, id: string, props: { areas: readonly ApiArea[] }) {
    super(scope, id);

    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: 'factory-erp',
      description: 'Factory ERP API for the WeCom mini-program',
      // The mini-program H5 build and tools call from other origins. Sessions are bearer
      // tokens, not cookies, so allowing any origin without credentials gives nothing away.
      corsPreflight: {
        allowOrigins: ['*'],
        allowMethods: [
          CorsHttpMethod.GET,
          CorsHttpMethod.POST,
          CorsHttpMethod.PATCH,
          CorsHttpMethod.PUT,
          CorsHttpMethod.DELETE,
          CorsHttpMethod.OPTIONS,
        ],
        allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
        // The client needs to see whether a response was replayed from an earlier request.
        exposeHeaders: ['idempotent-replay'],
      },
    });

    for (const area of props.areas) {
      const integration = new HttpLambdaIntegration(`${area.id}Integration`, area.fn, {
        scopePermissionToRoute: false,
      });
      for (const prefix of [...new Set(area.routes.map((r) => pathPrefix(r.path)))].sort()) {
        const own = area.routes.filter((r) => pathPrefix(r.path) === prefix);
        const paths = [
          ...(own.some((r) => r.path === prefix) ? [prefix] : []),
          ...(own.some((r) => r.path !== prefix) ? [`${prefix}/{proxy+}`] : []),
        ];
        for (const path of paths) {
          this.httpApi.addRoutes({ path, methods: [HttpMethod.ANY], integration });
        }
      }
    }
  }
}

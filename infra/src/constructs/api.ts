import { CorsHttpMethod, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { RouteContract } from '@factory/shared';

export type ApiRoute = { route: RouteContract; fn: IFunction; id: string };

/**
 * The HTTP API: one route per contract route, method and path copied verbatim from the route
 * table (API Gateway v2 writes path parameters as `{code}`, as the route table does).
 */
export class Api extends Construct {
  readonly httpApi: HttpApi;

  constructor(scope: Construct, id: string, props: { routes: readonly ApiRoute[] }) {
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

    for (const { route, fn, id: routeId } of props.routes) {
      this.httpApi.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${routeId}Integration`, fn),
      });
    }
  }
}

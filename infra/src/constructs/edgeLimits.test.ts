import { Template } from 'aws-cdk-lib/assertions';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { RouteContract } from '@factory/shared';
import { deployedRoutes } from '../stack.js';
import {
  EdgeLimits,
  PUBLIC_ROUTE_THROTTLES,
  RESERVED_CONCURRENCY,
  STAGE_THROTTLE,
  gatewayRouteKey,
  publicRouteThrottles,
  reservedConcurrencyEnabled,
} from './edgeLimits.js';
import { PARTITIONS, inlineFunction, testStack } from './testStacks.js';

const deployed = deployedRoutes();
const route = (over: Partial<RouteContract>) =>
  ({ id: 'x.y', method: 'GET', path: '/api/x', auth: 'public', ...over }) as RouteContract;

/** A stack with an API whose catch-all routes are those of the real route table. */
function build(region: string | undefined, reserveConcurrency?: boolean) {
  const stack = testStack(region);
  const httpApi = new HttpApi(stack, 'Api');
  const auth = inlineFunction(stack, 'Auth');
  const wecom = inlineFunction(stack, 'Wecom');
  const integration = new HttpLambdaIntegration('All', auth);
  for (const key of new Set(deployed.map(gatewayRouteKey))) {
    httpApi.addRoutes({ path: key.slice(4), methods: [HttpMethod.ANY], integration });
  }
  new EdgeLimits(stack, 'EdgeLimits', {
    httpApi,
    deployed,
    areaFunctions: new Map([
      ['auth', auth],
      ['wecom', wecom],
    ]),
    ...(reserveConcurrency === undefined ? {} : { reserveConcurrency }),
  });
  const template = Template.fromStack(stack);
  const id = (c: typeof auth) => stack.getLogicalId(c.node.defaultChild as never);
  return { template, authId: id(auth), wecomId: id(wecom) };
}

describe('publicRouteThrottles', () => {
  it('gives every public route of the route table a limit on its own catch-all', () => {
    const publicRoutes = deployed.filter((r) => r.auth === 'public');
    expect(publicRoutes.map((r) => r.id).sort()).toEqual(
      Object.keys(PUBLIC_ROUTE_THROTTLES).sort(),
    );
    const throttles = publicRouteThrottles(deployed);
    expect([...throttles.keys()].sort()).toEqual(
      [
        'ANY /api/auth/{proxy+}',
        'ANY /api/health',
        'ANY /api/openapi.json',
        'ANY /share/deliveries/{proxy+}',
        'ANY /share/purchase-orders/{proxy+}',
        'ANY /wecom/callback',
      ].sort(),
    );
    expect(throttles.get('ANY /api/auth/{proxy+}')).toEqual(
      PUBLIC_ROUTE_THROTTLES['auth.wecomLogin'],
    );
    for (const t of throttles.values()) {
      expect(t.rateLimit).toBeLessThan(STAGE_THROTTLE.rateLimit);
      expect(t.burstLimit).toBeLessThan(STAGE_THROTTLE.burstLimit);
    }
  });

  it('refuses a public route without a limit', () => {
    expect(() => publicRouteThrottles([route({ id: 'new.open', path: '/api/open' })])).toThrow(
      /public route new.open has no throttle/,
    );
  });

  it('refuses a catch-all carrying a public and a logged-in route', () => {
    const limits = { 'a.open': { rateLimit: 1, burstLimit: 1 } };
    expect(() =>
      publicRouteThrottles(
        [
          route({ id: 'a.open', path: '/api/a/open' }),
          route({ id: 'a.private', path: '/api/a/{id}', auth: ['admin'] as never }),
        ],
        limits,
      ),
    ).toThrow(
      /ANY \/api\/a\/\{proxy\+\} carries the public route\(s\) and the logged-in route a.private/,
    );
  });

  it('takes the smaller limits when two public routes share a catch-all', () => {
    const limits = {
      'a.one': { rateLimit: 5, burstLimit: 1 },
      'a.two': { rateLimit: 1, burstLimit: 5 },
    };
    const both = publicRouteThrottles(
      [route({ id: 'a.one', path: '/api/a/1' }), route({ id: 'a.two', path: '/api/a/2' })],
      limits,
    );
    expect(both.get('ANY /api/a/{proxy+}')).toEqual({ rateLimit: 1, burstLimit: 1 });
  });
});

describe.each(PARTITIONS)('EdgeLimits in $name ($region)', ({ region }) => {
  const { template, authId, wecomId } = build(region);

  it('throttles the stage and, tighter, the public routes', () => {
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0] as {
      Properties: Record<string, unknown>;
      DependsOn: string[];
    };
    expect(stage.Properties.DefaultRouteSettings).toEqual({
      ThrottlingRateLimit: STAGE_THROTTLE.rateLimit,
      ThrottlingBurstLimit: STAGE_THROTTLE.burstLimit,
    });
    expect(stage.Properties.RouteSettings).toMatchObject({
      'ANY /api/auth/{proxy+}': { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 20 },
      'ANY /wecom/callback': { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 },
      'ANY /api/health': { ThrottlingRateLimit: 2, ThrottlingBurstLimit: 5 },
    });
    // Each route setting names a route that exists before the stage is updated.
    const routeKeys = Object.entries(template.findResources('AWS::ApiGatewayV2::Route'))
      .filter(([id]) => stage.DependsOn.includes(id))
      .map(([, r]) => (r as { Properties: { RouteKey: string } }).Properties.RouteKey);
    expect(routeKeys.sort()).toEqual(Object.keys(stage.Properties.RouteSettings as object).sort());
  });

  it('reserves concurrency for the login (auth) and callback (wecom) areas', () => {
    const fns = template.toJSON().Resources as Record<
      string,
      { Properties: Record<string, unknown> }
    >;
    expect(fns[authId]!.Properties.ReservedConcurrentExecutions).toBe(RESERVED_CONCURRENCY.auth);
    expect(fns[wecomId]!.Properties.ReservedConcurrentExecutions).toBe(RESERVED_CONCURRENCY.wecom);
  });
});

describe('reserved concurrency switched off', () => {
  it('reserves nothing with reservedConcurrency=off (an account still at a quota of 10)', () => {
    const { template } = build(undefined, false);
    for (const fn of Object.values(template.findResources('AWS::Lambda::Function'))) {
      expect((fn as { Properties: object }).Properties).not.toHaveProperty(
        'ReservedConcurrentExecutions',
      );
    }
  });

  it('reads the context flag', () => {
    expect(reservedConcurrencyEnabled(testStack().node)).toBe(true);
    expect(
      reservedConcurrencyEnabled(testStack(undefined, { reservedConcurrency: 'off' }).node),
    ).toBe(false);
    expect(
      reservedConcurrencyEnabled(testStack(undefined, { reservedConcurrency: '0' }).node),
    ).toBe(false);
  });
});

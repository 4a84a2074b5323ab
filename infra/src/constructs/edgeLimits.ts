import type { CfnFunction, IFunction } from 'aws-cdk-lib/aws-lambda';
import { CfnRoute, CfnStage, type HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Construct, type Node } from 'constructs';
import type { RouteContract } from '@factory/shared';
import { pathPrefix } from '../../../functions/src/http/areas.js';

export type Throttle = { rateLimit: number; burstLimit: number };

/**
 * The stage's default: every route, per second, all callers together. A factory of a few
 * hundred people with the mini-program open makes a few requests a second; a page opening
 * fans out to 5-10. Well above that, well below what the account's Lambda concurrency (and
 * the table) would pay for if a client looped.
 */
export const STAGE_THROTTLE: Throttle = { rateLimit: 50, burstLimit: 100 };

/**
 * The routes that need no login (`auth: 'public'`), each with a tighter limit. Every public
 * deployed route must be listed (synth fails otherwise), so a new one is a decision.
 * - login calls WeCom (jscode2session) on every hit: a shift start is a few logins a second;
 * - the callback is WeCom's servers posting card clicks and verifying the URL;
 * - health is for a probe, the OpenAPI document for a developer;
 * - share links are opened by a supplier or customer now and then.
 */
export const PUBLIC_ROUTE_THROTTLES: Readonly<Record<string, Throttle>> = {
  'auth.wecomLogin': { rateLimit: 5, burstLimit: 20 },
  'wecom.callback': { rateLimit: 10, burstLimit: 20 },
  'wecom.callbackVerify': { rateLimit: 10, burstLimit: 20 },
  'system.health': { rateLimit: 2, burstLimit: 5 },
  'system.openapi': { rateLimit: 1, burstLimit: 2 },
  'deliveries.note': { rateLimit: 5, burstLimit: 10 },
  'purchaseOrders.sharePage': { rateLimit: 5, burstLimit: 10 },
};

/**
 * Reserved concurrency of the area functions serving the login and the callback: a cap (a
 * flood of them cannot take the account's whole concurrency from the other areas) and a
 * reservation (other areas cannot starve them). Each is an area of its own (`auth`: the login
 * alone; `wecom`: the callback and its URL check), so the reservation is theirs only. 0 or
 * context `reservedConcurrency=off` sets none (an account whose concurrency quota is still
 * the initial 10 cannot reserve any).
 */
export const RESERVED_CONCURRENCY: Readonly<Record<string, number>> = { auth: 20, wecom: 10 };

/** The API Gateway route a contract route reaches: the catch-all of its prefix (src/constructs/api.ts). */
export function gatewayRouteKey(route: { path: string }): string {
  const prefix = pathPrefix(route.path);
  return route.path === prefix ? `ANY ${prefix}` : `ANY ${prefix}/{proxy+}`;
}

/**
 * API Gateway route key -> its throttle: the public routes' limits, by the catch-all route
 * that carries them (the smaller when two share one). Refuses a public route without a limit,
 * and a catch-all that carries a public and a logged-in route (the tight limit would then
 * throttle logged-in users too).
 */
export function publicRouteThrottles(
  deployed: readonly RouteContract[],
  limits: Readonly<Record<string, Throttle>> = PUBLIC_ROUTE_THROTTLES,
): Map<string, Throttle> {
  const out = new Map<string, Throttle>();
  const publicKeys = new Set<string>();
  for (const route of deployed.filter((r) => r.auth === 'public')) {
    const limit = limits[route.id];
    if (!limit) {
      throw new Error(
        `public route ${route.id} has no throttle: add it to PUBLIC_ROUTE_THROTTLES (infra/src/constructs/edgeLimits.ts)`,
      );
    }
    const key = gatewayRouteKey(route);
    publicKeys.add(key);
    const had = out.get(key);
    out.set(
      key,
      had
        ? {
            rateLimit: Math.min(had.rateLimit, limit.rateLimit),
            burstLimit: Math.min(had.burstLimit, limit.burstLimit),
          }
        : limit,
    );
  }
  for (const route of deployed.filter((r) => r.auth !== 'public')) {
    const key = gatewayRouteKey(route);
    if (publicKeys.has(key)) {
      throw new Error(
        `${key} carries the public route(s) and the logged-in route ${route.id}: give the public routes a URL prefix of their own`,
      );
    }
  }
  return out;
}

/** Context `reservedConcurrency`: `off` (or `0`) reserves nothing; absent: RESERVED_CONCURRENCY. */
export function reservedConcurrencyEnabled(node: Node): boolean {
  const value = node.tryGetContext('reservedConcurrency') as string | boolean | number | undefined;
  return !(value === 'off' || value === 'false' || value === false || value === 0 || value === '0');
}

export type EdgeLimitsProps = {
  httpApi: HttpApi;
  deployed: readonly RouteContract[];
  /** Area -> its function, for the reserved concurrency. */
  areaFunctions: ReadonlyMap<string, IFunction>;
  /** Default true (see reservedConcurrencyEnabled). */
  reserveConcurrency?: boolean;
};

/**
 * Limits at the edge: the `$default` stage's throttle for every route, the tighter ones of
 * the public routes (stage route settings, by route key), and reserved concurrency for the
 * areas serving login and the WeCom callback. Authentication stays in the handlers; these
 * keep a flood (or a looping client) from reaching the functions and WeCom.
 */
export class EdgeLimits extends Construct {
  readonly routeThrottles: ReadonlyMap<string, Throttle>;

  constructor(scope: Construct, id: string, props: EdgeLimitsProps) {
    super(scope, id);
    const stage = props.httpApi.defaultStage?.node.defaultChild;
    if (!(stage instanceof CfnStage)) throw new Error('the HTTP API has no $default stage');

    this.routeThrottles = publicRouteThrottles(props.deployed);
    stage.defaultRouteSettings = {
      ...(stage.defaultRouteSettings as object | undefined),
      throttlingRateLimit: STAGE_THROTTLE.rateLimit,
      throttlingBurstLimit: STAGE_THROTTLE.burstLimit,
    };
    stage.routeSettings = Object.fromEntries(
      [...this.routeThrottles].map(([key, t]) => [
        key,
        { ThrottlingRateLimit: t.rateLimit, ThrottlingBurstLimit: t.burstLimit },
      ]),
    );
    // A route setting names an existing route: create the routes first.
    const keys = new Set(this.routeThrottles.keys());
    for (const route of props.httpApi.node.findAll()) {
      if (route instanceof CfnRoute && keys.has(route.routeKey)) stage.addResourceDependency(route);
    }

    if (props.reserveConcurrency ?? true) {
      for (const [area, n] of Object.entries(RESERVED_CONCURRENCY)) {
        const fn = props.areaFunctions.get(area);
        if (!fn) throw new Error(`reserved concurrency: no area function ${area}`);
        if (n > 0) (fn.node.defaultChild as CfnFunction).reservedConcurrentExecutions = n;
      }
    }
  }
}

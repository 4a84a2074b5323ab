import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import { zErrorResponse } from '../contracts/common.js';
import { isIdempotent, type RouteContract } from './routes/common.js';
import { routes } from './routes.js';

const ERROR_RESPONSES: Record<string, string> = {
  '400':
    'Invalid request: error.issues lists every bad field with its path (request.invalid, request.malformedJson)',
  '401': 'Missing or invalid session token (auth.unauthenticated)',
  '403': 'The session has none of the roles this route allows (auth.forbidden)',
  '404': "Not found (resource.notFound); also for another tenant's data",
  '409':
    'Conflict: resource.exists, resource.versionConflict, stock.insufficient, idempotency.keyReused, idempotency.inProgress',
  '503':
    'Busy (store.busy): others were changing the same data at that moment and the retries did not get through; send it again (same Idempotency-Key)',
};

/** The OpenAPI 3.1 document of every deployed route, built from the shared zod contracts. */
export function buildOpenApiDocument(options: { version: string; includeLocalOnly?: boolean }) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'session', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  for (const route of routes) {
    if (route.localOnly && !options.includeLocalOnly) continue;
    registerRoute(registry, route);
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Factory ERP API',
      version: options.version,
      description:
        'WeCom-native manufacturing ERP. Every mutating request may carry an Idempotency-Key header: ' +
        'the same key and body replays the stored result, the same key with another body is a 409.',
    },
    servers: [{ url: '/' }],
  });
}

function registerRoute(registry: OpenAPIRegistry, route: RouteContract): void {
  const errorResponses = Object.fromEntries(
    Object.entries(ERROR_RESPONSES)
      .filter(([status]) => route.auth !== 'public' || !['401', '403'].includes(status))
      .map(([status, description]) => [
        status,
        { description, content: { 'application/json': { schema: zErrorResponse } } },
      ]),
  );
  registry.registerPath({
    operationId: route.id,
    method: route.method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete',
    path: route.path,
    summary: route.summary,
    description: route.auth === 'public' ? 'Public.' : `Roles: ${route.auth.join(', ')}.`,
    tags: [route.tag],
    security: route.auth === 'public' ? [] : [{ session: [] }],
    request: {
      params: route.params as z.ZodObject | undefined,
      query: route.query as z.ZodObject | undefined,
      headers: undefined,
      body: route.body
        ? {
            required: true,
            content: {
              [route.text?.requestContentType ?? 'application/json']: { schema: route.body },
            },
          }
        : undefined,
    },
    parameters: isIdempotent(route)
      ? [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            schema: { type: 'string', maxLength: 128 },
            description: 'Retries with the same key and body do the work once.',
          },
        ]
      : undefined,
    responses: {
      [String(route.status)]: {
        description: 'Success',
        content: route.text
          ? { [route.text.responseContentType]: { schema: { type: 'string' } } }
          : route.responseContentType
            ? { [route.responseContentType]: { schema: { type: 'string', format: 'binary' } } }
            : { 'application/json': { schema: route.response } },
      },
      ...(route.accepted
        ? {
            '202': {
              description: route.accepted.description,
              content: { 'application/json': { schema: route.accepted.response } },
            },
          }
        : {}),
      ...errorResponses,
    },
  });
}

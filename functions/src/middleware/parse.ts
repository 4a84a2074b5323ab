import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';
import {
  AppError,
  MAX_INLINE_BODY_BYTES,
  type FieldIssue,
  type RouteContract,
  toFieldIssues,
} from '@factory/shared';
import { pathParamIssues } from './pathParams.js';

export type ParsedRequest = { body: unknown; rawBody: unknown; query: unknown; params: unknown };

/**
 * Parses and validates params, query and body against the route's zod contract. Every bad
 * field in all three is reported at once, each path prefixed by where it came from.
 */
export function parseRequest(route: RouteContract, event: APIGatewayProxyEventV2): ParsedRequest {
  checkBodySize(route, event);
  const rawBody = route.body ? (route.text ? readTextBody(event) : readJsonBody(event)) : undefined;
  const issues: FieldIssue[] = [];
  const check = (schema: z.ZodType | undefined, value: unknown, where: string): unknown => {
    if (!schema) return undefined;
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    issues.push(...toFieldIssues(result.error, [where]));
    return undefined;
  };
  // Malformed path parameters are refused here, for every route, before its schema sees them.
  const pathParameters = event.pathParameters ?? {};
  const malformed = pathParamIssues(pathParameters);
  issues.push(...malformed);
  const params = malformed.length ? undefined : check(route.params, pathParameters, 'params');
  const query = check(route.query, event.queryStringParameters ?? {}, 'query');
  const body = check(route.body, rawBody, 'body');
  if (issues.length)
    throw new AppError('request.invalid', '有些内容需要修改，请看标红的地方', undefined, issues);
  return { body, rawBody, query, params };
}

/**
 * A body above the route's cap (default MAX_INLINE_BODY_BYTES: what a Lambda carries, issue
 * 19; a WeCom callback is a few KB) is refused before it is read, naming the upload route
 * where the route has one.
 */
function checkBodySize(route: RouteContract, event: APIGatewayProxyEventV2): void {
  const max = route.maxBodyBytes ?? MAX_INLINE_BODY_BYTES;
  if (!event.body) return;
  const bytes = event.isBase64Encoded
    ? Math.floor((event.body.length * 3) / 4)
    : Buffer.byteLength(event.body, 'utf8');
  if (bytes > max) throw tooLarge(max, route.uploadRoute);
}

export function tooLarge(maxBytes: number, uploadRoute?: string): AppError {
  return uploadRoute
    ? new AppError(
        'request.tooLarge',
        `请求体超过 ${Math.round(maxBytes / 1024 / 1024)} MB：请先上传文件（${uploadRoute}）再导入`,
        { field: 'body', maxBytes, uploadRoute },
      )
    : new AppError('request.tooLarge', '请求体过大', { maxBytes });
}

/** A text route (WeCom callback XML) gets its body as it came, whatever the content type. */
function readTextBody(event: APIGatewayProxyEventV2): string {
  if (event.body === undefined || event.body === null) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

function readJsonBody(event: APIGatewayProxyEventV2): unknown {
  const type = (event.headers?.['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  // No body is an empty object: the contract then names every required field that is missing.
  if (event.body === undefined || event.body === null || event.body === '') return {};
  if (type !== 'application/json' && !type.endsWith('+json')) {
    throw new AppError(
      'request.unsupportedMediaType',
      '请求体必须是 JSON（Content-Type: application/json）',
      {
        contentType: type || null,
      },
    );
  }
  const text = event.isBase64Encoded
    ? Buffer.from(event.body, 'base64').toString('utf8')
    : event.body;
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new AppError('request.malformedJson', '请求体不是合法的 JSON', {
      reason: err instanceof Error ? err.message : String(err),
    });
  }
}

import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { AppError, type ErrorResponse, isAppError } from '@factory/shared';
import { errorField, log } from '../telemetry/log.js';
import { countMetric, METRIC } from '../telemetry/metrics.js';

/**
 * The one place an error becomes an HTTP response. Known errors keep their stable code and
 * details (a 4xx is counted as a refusal by code, a shortage also as such); anything else is
 * logged and answered as a bare 500 that leaks nothing.
 */
export function errorToResponse(err: unknown, requestId?: string): APIGatewayProxyResultV2 {
  if (isAppError(err)) {
    if (err.status >= 400 && err.status < 500) {
      countMetric(METRIC.refusals, { code: err.code });
      if (err.code === 'stock.insufficient') countMetric(METRIC.stockShortages);
    }
    return jsonResponse(err.status, errorBody(err));
  }
  if (isTimeout(err)) {
    // The work is idempotent and resumable: the same key finishes it, so say when to come back.
    log.warn('request timed out', {
      ...(requestId ? { request_id: requestId } : {}),
      error: errorField(err),
    });
    return jsonResponse(503, {
      error: {
        code: 'request.timeout',
        message: '处理超时，请稍后用同一幂等键重试，已完成的部分不会重复',
      },
    });
  }
  log.error('unhandled error', {
    ...(requestId ? { request_id: requestId } : {}),
    error: errorField(err),
  });
  return jsonResponse(500, { error: { code: 'internal', message: '服务器内部错误，请稍后重试' } });
}

/** middy's timeout: the handler did not answer before the function's time ran out. */
function isTimeout(err: unknown): boolean {
  const e = err as { name?: unknown; cause?: { package?: unknown } } | null;
  return e?.name === 'TimeoutError' && e.cause?.package === '@middy/core';
}

export function errorBody(err: AppError): ErrorResponse {
  return {
    error: {
      code: err.code,
      message: err.message,
      ...(err.details ? { details: err.details } : {}),
      ...(err.issues ? { issues: err.issues } : {}),
    },
  };
}

export function jsonResponse(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

export { AppError };

import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { AppError, type ErrorResponse, isAppError } from '@factory/shared';

/**
 * The one place an error becomes an HTTP response. Known errors keep their stable code and
 * details; anything else is logged and answered as a bare 500 that leaks nothing.
 */
export function errorToResponse(err: unknown, requestId?: string): APIGatewayProxyResultV2 {
  if (isAppError(err)) return jsonResponse(err.status, errorBody(err));
  console.error(
    JSON.stringify({ level: 'error', requestId, message: 'unhandled error', error: describe(err) }),
  );
  return jsonResponse(500, { error: { code: 'internal', message: '服务器内部错误，请稍后重试' } });
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

function describe(err: unknown): unknown {
  return err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : err;
}

export { AppError };

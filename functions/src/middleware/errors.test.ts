import { AppError } from '@factory/shared';
import { errorToResponse } from './errors.js';

const body = (r: ReturnType<typeof errorToResponse>) =>
  JSON.parse((r as { body: string }).body) as { error: { code: string } };

describe('errorToResponse', () => {
  test('a known error keeps its status and code', () => {
    const r = errorToResponse(new AppError('stock.insufficient', '库存不足'));
    expect((r as { statusCode: number }).statusCode).toBe(409);
    expect(body(r).error.code).toBe('stock.insufficient');
  });

  test('a function timeout is 503 request.timeout: retried with the same key, never a 500', () => {
    const timeout = Object.assign(new Error('[AbortError]: The operation was aborted.'), {
      name: 'TimeoutError',
      cause: { package: '@middy/core' },
    });
    const r = errorToResponse(timeout);
    expect((r as { statusCode: number }).statusCode).toBe(503);
    expect(body(r).error.code).toBe('request.timeout');
  });

  test('anything else is a bare 500 that leaks nothing', () => {
    const r = errorToResponse(new Error('secret detail'));
    expect((r as { statusCode: number }).statusCode).toBe(500);
    expect(JSON.stringify(body(r))).not.toContain('secret');
  });
});

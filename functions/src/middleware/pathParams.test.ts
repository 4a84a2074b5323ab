import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { AppError, routeById } from '@factory/shared';
import { parseRequest } from './parse.js';
import { decodePathSegment, pathParamIssues, tryDecodePathSegment } from './pathParams.js';

const MALFORMED = ['%E0%A4%A', '%', '%%', '%c0%ae%c0%ae', '%ZZ', 'A%2', '%ED%A0%80', '%FF'];

describe('decodePathSegment', () => {
  test('decodes what API Gateway decodes', () => {
    expect(decodePathSegment('PT-CAP%2012')).toBe('PT-CAP 12');
    expect(decodePathSegment('%E9%92%A2')).toBe('钢');
  });

  test.each(MALFORMED)('leaves a malformed segment as sent: %s', (raw) => {
    expect(tryDecodePathSegment(raw)).toBeUndefined();
    expect(decodePathSegment(raw)).toBe(raw);
  });
});

describe('pathParamIssues', () => {
  test('accepts ordinary codes and numbers', () => {
    expect(pathParamIssues({ code: 'PT-CAP12', no: 'SO2026120100001', v: 'V1.2' })).toEqual([]);
  });

  test.each([
    ['an undecoded escape', '%E0%A4%A'],
    ['a bare percent', '%'],
    ['a replacement character', 'A\ufffdB'],
    ['a lone high surrogate', 'A\ud800'],
    ['a lone low surrogate', '\udc00B'],
    ['a NUL', 'A\u0000'],
    ['a newline', 'A\nB'],
  ])('refuses %s, naming the parameter', (_label, value) => {
    expect(pathParamIssues({ code: value })).toEqual([
      expect.objectContaining({ path: ['params', 'code'], code: 'invalid_path_param' }),
    ]);
  });

  test('accepts a surrogate pair and refuses an over-long value', () => {
    expect(pathParamIssues({ code: '💩' })).toEqual([]);
    expect(pathParamIssues({ code: 'x'.repeat(257) })[0]?.path).toEqual(['params', 'code']);
  });
});

describe('parseRequest with a malformed path parameter (as a Lambda behind API Gateway gets it)', () => {
  const event = (pathParameters: Record<string, string>, body?: unknown) =>
    ({
      headers: { 'content-type': 'application/json' },
      pathParameters,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }) as unknown as APIGatewayProxyEventV2;

  test.each(MALFORMED)('%s is a 400 at params, with the body problems beside it', (raw) => {
    let caught: unknown;
    try {
      parseRequest(routeById('items.update'), event({ code: raw }, { expectedVersion: 'x' }));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AppError);
    const err = caught as AppError;
    expect(err.status).toBe(400);
    expect(err.issues?.map((i) => i.path.join('.'))).toEqual([
      'params.code',
      'body.expectedVersion',
    ]);
  });
});

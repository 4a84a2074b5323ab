import type { FieldIssue } from '@factory/shared';

/**
 * Path parameters. API Gateway (HTTP API) hands a Lambda its path parameters already
 * percent-decoded; the local gateway does the same with `decodePathSegment`. A segment whose
 * escapes cannot be decoded (`%E0%A4%A`, `%`, `%c0%ae`) arrives as it was sent, or with the
 * bytes it could not decode replaced. Either way such a value names nothing the product
 * stores, so `pathParamIssues` refuses it before any route schema or store sees it.
 */

/** The decoded segment, or undefined when its percent-escapes are malformed. */
export function tryDecodePathSegment(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/** Decodes a segment as API Gateway does; a malformed one is passed on as it was sent. */
export function decodePathSegment(raw: string): string {
  return tryDecodePathSegment(raw) ?? raw;
}

/**
 * Text no path parameter may hold: a '%' (an escape left undecoded, or an encoded '%'),
 * control characters, U+FFFD (bytes that were not UTF-8) and lone surrogates.
 */
const UNUSABLE =
  // eslint-disable-next-line no-control-regex
  /[%\u0000-\u001f\u007f\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const MAX_PATH_PARAM_LENGTH = 256;

/** One issue per path parameter that is malformed, at ['params', name]. */
export function pathParamIssues(params: Record<string, string | undefined>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (UNUSABLE.test(value)) {
      issues.push({
        path: ['params', name],
        message: '路径参数含有无法解码的百分号编码或非法字符',
        code: 'invalid_path_param',
      });
    } else if (value.length > MAX_PATH_PARAM_LENGTH) {
      issues.push({
        path: ['params', name],
        message: `路径参数过长（最多 ${MAX_PATH_PARAM_LENGTH} 个字符）`,
        code: 'too_big',
      });
    }
  }
  return issues;
}

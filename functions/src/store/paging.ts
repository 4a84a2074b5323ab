import { AppError } from '@factory/shared';

/**
 * Paging cursors are the DynamoDB LastEvaluatedKey, base64url-encoded. A cursor is only
 * honoured when its partition belongs to the caller's tenant, so a forged cursor cannot
 * page through someone else's data.
 */
export function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;
}

export function decodeCursor(
  cursor: string | undefined,
  allowedPartitions: { attr: string; value: string }[],
): Record<string, unknown> | undefined {
  if (cursor === undefined) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (typeof key !== 'object' || key === null) throw badCursor();
  const record = key as Record<string, unknown>;
  const ok = allowedPartitions.every(({ attr, value }) => record[attr] === value);
  if (!ok) throw badCursor();
  return record;
}

function badCursor(): AppError {
  return new AppError('request.invalid', '分页游标无效', undefined, [
    { path: ['query', 'cursor'], message: '分页游标无效' },
  ]);
}

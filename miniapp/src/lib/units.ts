/** Common unit codes in zh-CN, for tenants whose units are named by their codes (imports). */
const KNOWN: Record<string, string> = {
  pcs: '个',
  pc: '个',
  ea: '个',
  set: '套',
  kg: '千克',
  g: '克',
  t: '吨',
  m: '米',
  mm: '毫米',
  cm: '厘米',
  m2: '平方米',
  l: '升',
  ml: '毫升',
  box: '箱',
  pair: '双',
  roll: '卷',
  sheet: '张',
};

/**
 * A unit as people read it (`names`: the tenant's unit names, or this unit's name): the
 * tenant's own name for it when that is more than its code,
 * else the zh-CN name of a common code, else the code (never empty for a known unit).
 */
export function unitLabel(
  code: string | undefined,
  names?: ReadonlyMap<string, string> | string,
): string {
  if (!code) return '';
  const named = typeof names === 'string' ? names : names?.get(code);
  if (named && named !== code) return named;
  return KNOWN[code.toLowerCase()] ?? named ?? code;
}

/** What a WeCom text may carry, with room to spare under its 2,048-byte limit. */
const TEXT_BUDGET_BYTES = 2000;

/**
 * A notice's text: its head, as many of its lines as fit, and its tail. When not every line
 * fits, the last ones are left out and a count says how many there were ("……等 N 行").
 */
export function fitText(head: string[], lines: string[], tail: string[]): string {
  const text = (body: string[]) => [...head, ...body, ...tail].join('\n');
  const fits = (body: string[]) => Buffer.byteLength(text(body), 'utf8') <= TEXT_BUDGET_BYTES;
  if (fits(lines)) return text(lines);
  const more = `……等 ${lines.length} 行`;
  let shown = lines;
  while (shown.length > 1 && !fits([...shown, more])) shown = shown.slice(0, -1);
  return text([...shown, more]);
}

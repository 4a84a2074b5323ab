import type { SegmentText } from '../usecases/mrp/run.js';

/**
 * Prints a planning result in the documented shape, exactly as
 * `JSON.stringify({ runDate, plannedOrders, exceptions }, null, 2)` followed by a newline
 * prints it (planned orders without their stored ids), but one stored segment at a time, so
 * a result of hundreds of MiB is never held whole, neither as objects nor as one string.
 */
export async function writePlanningJson(
  write: (text: string) => void,
  result: { runDate: string; orders: readonly SegmentText[]; exceptions: readonly SegmentText[] },
): Promise<void> {
  write(`{\n  "runDate": ${JSON.stringify(result.runDate)},\n  "plannedOrders": `);
  await writeArray(write, result.orders, withoutIds);
  write(',\n  "exceptions": ');
  await writeArray(write, result.exceptions, (text) => JSON.parse(text) as unknown[]);
  write('\n}\n');
}

/**
 * An array property at depth 1 of the printed object, its elements coming segment by
 * segment: `[` and `]` around the segments' elements, each segment indented by
 * JSON.stringify itself (the rows wrapped in a one-property object put them at depth 2).
 */
async function writeArray(
  write: (text: string) => void,
  segments: readonly SegmentText[],
  rowsOf: (text: string) => unknown[],
): Promise<void> {
  let written = 0;
  // The next segment is read (and decompressed, off this thread) while this one is printed.
  const read = (n: number) => {
    const text = segments[n]?.text();
    // Awaited in the next round; should this round fail first, its failure is the one reported.
    text?.catch(() => undefined);
    return text;
  };
  let next = read(0);
  for (let n = 0; n < segments.length; n++) {
    const stored = await next!;
    next = read(n + 1);
    const rows = rowsOf(stored);
    if (rows.length === 0) continue;
    const text = JSON.stringify({ x: rows }, null, 2);
    // '{\n  "x": [\n' + the elements at depth 2 + '\n  ]\n}'
    write(`${written ? ',\n' : '[\n'}${text.slice(WRAP_START, -WRAP_END)}`);
    written += rows.length;
  }
  write(written ? '\n  ]' : '[]');
}

const WRAP_START = '{\n  "x": [\n'.length;
const WRAP_END = '\n  ]\n}'.length;

/** The stored planned orders of a segment, without their ids (as the result is printed). */
function withoutIds(text: string): unknown[] {
  return (JSON.parse(text) as { id?: unknown }[]).map(({ id: _id, ...row }) => row);
}

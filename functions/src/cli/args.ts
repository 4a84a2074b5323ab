import { readFileSync } from 'node:fs';
import type * as z from 'zod';
import { type FieldIssue, toFieldIssues } from '@factory/shared';

/** A command's arguments: positional ones and `--flag [value]`. */
export type Args = { positional: string[]; flags: Map<string, string | true> };

/** A refusal's field issue as one line: `lines[0].qty: ...` (the body prefix dropped). */
export function formatIssue(issue: FieldIssue): string {
  const path = issue.path
    .filter((p, i) => !(i === 0 && p === 'body'))
    .reduce<string>(
      (s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${p}` : String(p)),
      '',
    );
  return `${path || '(file)'}: ${issue.message}`;
}

/** Every problem of a file on stderr, one `path: message` a line; the exit code 1. */
export function reportIssues(issues: FieldIssue[]): number {
  process.stderr.write(`文件有 ${issues.length} 处错误：\n`);
  for (const issue of issues) process.stderr.write(`  ${formatIssue(issue)}\n`);
  return 1;
}

/** A JSON file read, parsed by its contract, then checked beyond its shape; or its problems. */
export function readCheckedFile<T>(
  path: string,
  schema: z.ZodType<T>,
  check: (data: T) => FieldIssue[],
): { data: T } | { issues: FieldIssue[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    return { issues: [{ path: [], message: `无法读取 JSON 文件：${(err as Error).message}` }] };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { issues: toFieldIssues(parsed.error) };
  const problems = check(parsed.data);
  return problems.length ? { issues: problems } : { data: parsed.data };
}

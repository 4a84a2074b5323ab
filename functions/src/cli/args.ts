import type { FieldIssue } from '@factory/shared';

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

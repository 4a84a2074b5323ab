import type { ApiIssue } from '../platform/request';

/** Field key of a form: the API's body path joined with dots, e.g. `lines.0.qty`. */
export type FieldErrors = Record<string, string>;

/** Where a request part's issues are rooted: the API prefixes each path with it. */
const ROOTS = new Set(['body', 'query', 'params']);

/**
 * The API's validation issues (one per bad field, zod paths such as ['body','lines',0,'qty'])
 * -> one zh-CN message per form field. Issues outside the body (a header, say) are not about
 * a field and are left to the page's general error line. The first message of a field wins.
 */
export function toFieldErrors(issues: readonly ApiIssue[], root = 'body'): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const [first, ...rest] = issue.path;
    let path: (string | number)[];
    if (typeof first === 'string' && ROOTS.has(first)) {
      if (first !== root) continue;
      path = rest;
    } else if (first === 'headers') {
      continue;
    } else {
      path = issue.path;
    }
    const key = path.length ? path.join('.') : '_';
    out[key] ??= issue.message;
  }
  return out;
}

/**
 * The errors without those of the given fields and of anything under them (`lines.0` also
 * drops `lines.0.qty`): a field's error goes as soon as the field changes. The same object when
 * nothing is dropped, so a state update on every keystroke does not re-render.
 */
export function withoutFields(errors: FieldErrors, keys: readonly string[]): FieldErrors {
  const dropped = (key: string) => keys.some((k) => key === k || key.startsWith(`${k}.`));
  if (!Object.keys(errors).some(dropped)) return errors;
  return Object.fromEntries(Object.entries(errors).filter(([key]) => !dropped(key)));
}

/** The message for a field or for anything under it (`lines.0` also covers `lines.0.qty`). */
export function errorAt(errors: FieldErrors, key: string): string | undefined {
  return errors[key];
}

/**
 * Messages of issues not shown under any of the given fields (so none is lost), in the user's
 * words: a line's issue says which line (第 6 行), never the API's field path.
 */
export function unplacedErrors(errors: FieldErrors, shown: (key: string) => boolean): string[] {
  return Object.entries(errors)
    .filter(([key]) => !shown(key))
    .map(([key, message]) => {
      const line = /^[A-Za-z]+\.(\d+)(\.|$)/.exec(key);
      return line ? `第 ${Number(line[1]) + 1} 行：${message}` : message;
    });
}

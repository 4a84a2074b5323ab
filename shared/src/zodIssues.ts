import * as z from 'zod';
// Only the zh-CN messages: importing all of z.locales put every language into each Lambda.
import zhCN from 'zod/v4/locales/zh-CN.js';
import type { FieldIssue } from './errors.js';

// Validation messages are shown to factory users: zh-CN, from zod's own locale.
z.config(zhCN());

/**
 * zod issues -> one FieldIssue per bad field. An unknown key is reported at its own path
 * (zod reports it on the parent) so the form can mark exactly that field.
 */
export function toFieldIssues(error: z.ZodError, prefix: (string | number)[] = []): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of error.issues) {
    const path = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        out.push({ path: [...path, key], message: `未知字段：${key}`, code: issue.code });
    } else {
      out.push({ path, message: issue.message, code: issue.code });
    }
  }
  return out;
}

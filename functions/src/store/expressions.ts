/**
 * Builds DynamoDB update and condition expressions with placeholders for every name and
 * value, so no attribute name can collide with a reserved word and no value is inlined.
 */
export type ExpressionParts = {
  UpdateExpression?: string;
  ConditionExpression?: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
};

export class Expr {
  private readonly names: Record<string, string> = {};
  private readonly values: Record<string, unknown> = {};
  private n = 0;

  private readonly placeholders = new Map<string, string>();

  name(attr: string): string {
    let placeholder = this.placeholders.get(attr);
    if (!placeholder) {
      // Readable when the name allows it; numbered when two names would clean up the same.
      const base = `#${attr.replace(/[^A-Za-z0-9_]/g, '_')}`;
      placeholder = base in this.names ? `${base}_${this.placeholders.size}` : base;
      this.placeholders.set(attr, placeholder);
      this.names[placeholder] = attr;
    }
    return placeholder;
  }

  value(v: unknown): string {
    const placeholder = `:v${this.n++}`;
    this.values[placeholder] = v;
    return placeholder;
  }

  /** SET a = :x, ... ADD q :y ... REMOVE r */
  update(parts: {
    set?: Record<string, unknown>;
    add?: Record<string, unknown>;
    remove?: string[];
  }): string {
    const sections: string[] = [];
    const set = Object.entries(parts.set ?? {}).filter(([, v]) => v !== undefined);
    if (set.length)
      sections.push(`SET ${set.map(([k, v]) => `${this.name(k)} = ${this.value(v)}`).join(', ')}`);
    const add = Object.entries(parts.add ?? {});
    if (add.length)
      sections.push(`ADD ${add.map(([k, v]) => `${this.name(k)} ${this.value(v)}`).join(', ')}`);
    const remove = parts.remove ?? [];
    if (remove.length) sections.push(`REMOVE ${remove.map((k) => this.name(k)).join(', ')}`);
    return sections.join(' ');
  }

  /** Parts of an UpdateItem (or a transaction Update). */
  forUpdate(update: string, condition?: string): ExpressionParts & { UpdateExpression: string } {
    return { ...this.build(condition), UpdateExpression: update };
  }

  /** Names and values for a query, a filter or a condition only. */
  build(condition?: string): ExpressionParts {
    const out: ExpressionParts = { ExpressionAttributeNames: { ...this.names } };
    if (condition) out.ConditionExpression = condition;
    if (Object.keys(this.values).length) out.ExpressionAttributeValues = { ...this.values };
    return out;
  }
}

/**
 * The condition of an optimistic write: the item must be new (`expected` undefined) or still
 * carry the version (or revision) the writer read.
 */
export function expectVersion(
  expected: number | undefined,
  attr = 'version',
):
  | { ConditionExpression: string }
  | {
      ConditionExpression: string;
      ExpressionAttributeNames: Record<string, string>;
      ExpressionAttributeValues: Record<string, number>;
    } {
  if (expected === undefined) return { ConditionExpression: 'attribute_not_exists(pk)' };
  return {
    ConditionExpression: '#version = :expected',
    ExpressionAttributeNames: { '#version': attr },
    ExpressionAttributeValues: { ':expected': expected },
  };
}

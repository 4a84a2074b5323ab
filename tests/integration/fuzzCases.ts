/**
 * Fuzz cases from the OpenAPI document: for every operation, requests whose path parameters,
 * query parameters and JSON bodies are broken one field at a time (malformed percent-escapes,
 * wrong types, out-of-range numbers and decimal strings, oversized strings, arrays and bodies,
 * malformed JSON, bad cursors). A case says whether its input is certainly invalid by the
 * document's own schema (then the answer must be a 4xx naming the field) or only a probe
 * (then it must merely not be a 5xx).
 */

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  additionalProperties?: boolean | JsonSchema;
  default?: unknown;
  $ref?: string;
};

export type Operation = {
  method: string;
  path: string;
  id: string;
  roles: string[] | 'public';
  pathParams: { name: string; schema: JsonSchema }[];
  queryParams: { name: string; schema: JsonSchema; required: boolean }[];
  body?: { contentType: string; schema: JsonSchema };
};

export type FuzzCase = {
  op: Operation;
  label: string;
  /** Path with parameters filled in (already percent-encoded where meant to be). */
  url: string;
  body?: string;
  contentType?: string;
  /** Where the broken input sits, e.g. ['body', 'lines', 0, 'qty']; absent: no field. */
  field?: (string | number)[];
  /** The input breaks the document's schema: a 4xx is required (naming `field` if a 400). */
  invalid: boolean;
  /** Send no token. */
  anonymous?: boolean;
};

type Doc = {
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
};
type RawOperation = {
  operationId: string;
  description?: string;
  parameters?: { name: string; in: string; required?: boolean; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
};

export function operationsOf(doc: Doc): Operation[] {
  const out: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const roles = /Roles: ([^.]+)\./.exec(raw.description ?? '');
      const params = (raw.parameters ?? []).map((p) => ({ ...p, schema: resolve(doc, p.schema) }));
      const content = Object.entries(raw.requestBody?.content ?? {})[0];
      out.push({
        method: method.toUpperCase(),
        path,
        id: raw.operationId,
        roles: roles ? roles[1]!.split(', ') : 'public',
        pathParams: params.filter((p) => p.in === 'path'),
        queryParams: params
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, schema: p.schema, required: !!p.required })),
        ...(content
          ? { body: { contentType: content[0], schema: resolveDeep(doc, content[1].schema) } }
          : {}),
      });
    }
  }
  return out;
}

function resolve(doc: Doc, s: JsonSchema): JsonSchema {
  if (!s.$ref) return s;
  const name = s.$ref.split('/').pop()!;
  return resolve(doc, doc.components?.schemas?.[name] ?? {});
}

function resolveDeep(doc: Doc, s: JsonSchema, depth = 0): JsonSchema {
  const r = resolve(doc, s);
  if (depth > 20) return r;
  const deep = (x: JsonSchema) => resolveDeep(doc, x, depth + 1);
  return {
    ...r,
    ...(r.properties
      ? {
          properties: Object.fromEntries(
            Object.entries(r.properties).map(([k, v]) => [k, deep(v)]),
          ),
        }
      : {}),
    ...(r.items ? { items: deep(r.items) } : {}),
    ...(r.anyOf ? { anyOf: r.anyOf.map(deep) } : {}),
    ...(r.oneOf ? { oneOf: r.oneOf.map(deep) } : {}),
    ...(r.allOf ? { allOf: r.allOf.map(deep) } : {}),
  };
}

// ---- a plausible valid value for a schema -------------------------------------------------------

/** Codes the fuzz test seeds, so that requests built from them reach past the lookups. */
const NAME_HINTS: Record<string, string> = {
  item: 'BOLT',
  component: 'STEEL',
  parent: 'BOLT',
  customer: 'C1',
  supplier: 'S1',
  partner: 'S1',
  warehouse: 'RM',
  fromWarehouse: 'RM',
  toWarehouse: 'FG',
  unit: 'pcs',
  with: 'STEEL',
};
const STRING_CANDIDATES = ['FZ1', '1', '2026-12-01', 'A', 'abc', '0.5', 'P#'];

function variants(s: JsonSchema): JsonSchema[] {
  return s.anyOf ?? s.oneOf ?? [];
}

function typesOf(s: JsonSchema): string[] {
  if (s.type) return Array.isArray(s.type) ? s.type : [s.type];
  if (s.const !== undefined) return [jsonType(s.const)];
  if (s.enum) return [...new Set(s.enum.map(jsonType))];
  const vs = variants(s);
  if (vs.length) return [...new Set(vs.flatMap(typesOf))];
  if (s.allOf) return [...new Set(s.allOf.flatMap(typesOf))];
  return [];
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (Number.isInteger(v)) return 'integer';
  return typeof v;
}

export function matchesString(s: JsonSchema, v: string): boolean {
  if (s.minLength !== undefined && [...v].length < s.minLength) return false;
  if (s.maxLength !== undefined && [...v].length > s.maxLength) return false;
  if (s.pattern && !new RegExp(s.pattern, 'u').test(v)) return false;
  if (s.enum && !s.enum.includes(v)) return false;
  if (s.const !== undefined && s.const !== v) return false;
  return true;
}

export function sample(s: JsonSchema, name = ''): unknown {
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  if (s.default !== undefined) return s.default;
  const vs = variants(s);
  if (vs.length) return sample(vs.find((v) => !typesOf(v).includes('null')) ?? vs[0]!, name);
  if (s.allOf?.length) {
    const merged = s.allOf.map((x) => sample(x, name));
    return merged.every((m) => m && typeof m === 'object' && !Array.isArray(m))
      ? Object.assign({}, ...merged)
      : merged[0];
  }
  const type = typesOf(s).find((t) => t !== 'null') ?? 'string';
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of s.required ?? []) out[key] = sample(s.properties?.[key] ?? {}, key);
      return out;
    }
    case 'array':
      return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () =>
        sample(s.items ?? {}, name),
      );
    case 'integer':
    case 'number':
      return clamp(1, s);
    case 'boolean':
      return false;
    default: {
      if (s.format === 'date-time') return '2026-12-01T00:30:00.000Z';
      const hint = NAME_HINTS[name];
      const candidates = [...(hint ? [hint] : []), ...STRING_CANDIDATES];
      return candidates.find((c) => matchesString(s, c)) ?? 'FZ1';
    }
  }
}

function clamp(v: number, s: JsonSchema): number {
  let x = v;
  if (s.minimum !== undefined) x = Math.max(x, s.minimum);
  if (s.exclusiveMinimum !== undefined) x = Math.max(x, s.exclusiveMinimum + 1);
  if (s.maximum !== undefined) x = Math.min(x, s.maximum);
  return x;
}

// ---- broken values --------------------------------------------------------------------------

type Bad = { label: string; value: unknown; invalid: boolean };

const DECIMAL_PROBES = [
  '999999999999999999',
  '1000000000000',
  '999999999999.999999',
  '0.0000001',
  '123456789.1234567',
  '-1',
  '-0',
  '0',
  '1e3',
  '1E-7',
  'Infinity',
  'NaN',
  '１２',
  ' 1',
  '1.',
  '.5',
  '',
];
const TEXT_PROBES = ['\ud800', 'a\u0000b', '%E0%A4%A', '#T#other#ITEM'];
const BIG = 100_000;

function looksDecimal(s: JsonSchema): boolean {
  return !!s.pattern && matchesString({ pattern: s.pattern }, '12.5');
}

/**
 * Broken values for one field, each flagged whether the schema itself refuses it. `heavy`
 * adds the costly ones (a 100 kB string, an array one past its limit); a route gets them for
 * its first few fields only, so the run stays short.
 */
export function badValues(s: JsonSchema, heavy = true): Bad[] {
  const types = typesOf(s);
  const allows = (v: unknown) => accepts(s, v);
  const out: Bad[] = [];
  const add = (label: string, value: unknown) =>
    out.push({ label, value, invalid: !allows(value) });
  if (s.enum || s.const !== undefined) add('not in enum', '__nope__');
  if (types.includes('string') || types.length === 0) {
    add('number for string', 12345);
    if (s.maxLength !== undefined) add('one char too long', 'x'.repeat(s.maxLength + 1));
    if (heavy) add('oversized string', 'x'.repeat(BIG));
    if (looksDecimal(s)) for (const d of DECIMAL_PROBES) add(`decimal ${JSON.stringify(d)}`, d);
    else for (const t of TEXT_PROBES) add(`text ${JSON.stringify(t)}`, t);
  }
  if (types.includes('integer') || types.includes('number')) {
    add('string for number', '1');
    add('huge number', 1e308);
    add('beyond 2^53', 2 ** 53 + 2);
    add('fraction', 1.5);
    if (s.minimum !== undefined) add('below minimum', s.minimum - 1);
    else add('negative', -1);
    if (s.maximum !== undefined) add('above maximum', s.maximum + 1);
  }
  if (types.includes('boolean')) add('string for boolean', 'true');
  if (types.includes('array')) {
    add('string for array', 'x');
    if ((s.minItems ?? 0) > 0) add('empty array', []);
    if (heavy) {
      const one = sample(s.items ?? {});
      const many = (s.maxItems ?? 2000) + 1;
      add(
        `${many} elements`,
        Array.from({ length: many }, () => one),
      );
    }
  }
  if (types.includes('object')) {
    add('array for object', []);
    if (s.additionalProperties === false) add('unknown key', { ...(sample(s) as object), zz: 1 });
  }
  if (!types.includes('null')) add('null', null);
  return out;
}

/** Whether a value satisfies the schema, as far as the JSON Schema says (refinements aside). */
export function accepts(s: JsonSchema, v: unknown): boolean {
  if (s.const !== undefined) return s.const === v;
  if (s.enum) return s.enum.includes(v);
  const vs = variants(s);
  if (vs.length) return vs.some((x) => accepts(x, v));
  if (s.allOf) return s.allOf.every((x) => accepts(x, v));
  const types = typesOf(s);
  if (types.length === 0) return true;
  const t = jsonType(v);
  const typeOk = types.some((x) => x === t || (x === 'number' && t === 'integer'));
  if (!typeOk) return false;
  if (typeof v === 'string') return matchesString(s, v);
  if (typeof v === 'number') {
    if (t === 'integer' && !Number.isSafeInteger(v) && types.includes('integer')) return false;
    if (s.minimum !== undefined && v < s.minimum) return false;
    if (s.maximum !== undefined && v > s.maximum) return false;
    if (s.exclusiveMinimum !== undefined && v <= s.exclusiveMinimum) return false;
    if (s.exclusiveMaximum !== undefined && v >= s.exclusiveMaximum) return false;
    return true;
  }
  if (Array.isArray(v)) {
    if (s.minItems !== undefined && v.length < s.minItems) return false;
    if (s.maxItems !== undefined && v.length > s.maxItems) return false;
    return v.every((x) => accepts(s.items ?? {}, x));
  }
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ((s.required ?? []).some((k) => !(k in o))) return false;
    for (const [k, x] of Object.entries(o)) {
      const p = s.properties?.[k];
      if (!p) {
        if (s.additionalProperties === false) return false;
        continue;
      }
      if (!accepts(p, x)) return false;
    }
  }
  return true;
}

/** Every field of an object schema that can be broken alone, with its path and schema. */
export function fieldsOf(
  s: JsonSchema,
  path: (string | number)[] = [],
  depth = 0,
): { path: (string | number)[]; schema: JsonSchema }[] {
  const out = [{ path, schema: s }];
  if (depth > 6) return out;
  const vs = variants(s);
  const first = vs.find((v) => !typesOf(v).includes('null'));
  const object = first && typesOf(first).includes('object') ? first : s;
  for (const [k, v] of Object.entries(object.properties ?? {}))
    out.push(...fieldsOf(v, [...path, k], depth + 1));
  if (s.items) out.push(...fieldsOf(s.items, [...path, 0], depth + 1));
  return out;
}

/** The base value with the value at `path` replaced (intermediate containers made). */
export function withValue(
  base: unknown,
  schema: JsonSchema,
  path: (string | number)[],
  value: unknown,
): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const vs = variants(schema);
  const s = vs.find((v) => !typesOf(v).includes('null')) ?? schema;
  if (typeof head === 'number') {
    const arr = Array.isArray(base) && base.length ? [...base] : [sample(s.items ?? {})];
    arr[head] = withValue(arr[head], s.items ?? {}, rest, value);
    return arr;
  }
  const obj = base && typeof base === 'object' && !Array.isArray(base) ? { ...base } : {};
  const child = s.properties?.[head!] ?? {};
  const current =
    (obj as Record<string, unknown>)[head!] ?? (rest.length ? sample(child, head) : undefined);
  (obj as Record<string, unknown>)[head!] = withValue(current, child, rest, value);
  return obj;
}

/** Path values that are valid by the schema (so the other parameters do not get in the way). */
export function fillPath(op: Operation, override: Record<string, string> = {}): string {
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name in override) return override[name]!;
    const p = op.pathParams.find((x) => x.name === name);
    return encodeURIComponent(String(sample(p?.schema ?? {}, name)));
  });
}

export const MALFORMED_ESCAPES = [
  '%E0%A4%A',
  '%',
  '%%',
  '%c0%ae%c0%ae',
  '%c0%ae%c0%ae%c0%af%c0%ae%c0%ae',
  '%ZZ',
  'A%2',
  '%ED%A0%80',
  '%FF%FE',
  '%00',
  '%C3%28',
];

export const PARAM_PROBES = ['x'.repeat(300), '%23T%23other', '..', 'A%0AB', '%F0%9F%92%A9'];

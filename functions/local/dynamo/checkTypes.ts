// dynalite's request type check (`validations.checkTypes`), compiled.
//
// dynalite checks every request against its operation's type description before anything
// else: each field's JSON type, each attribute value's shape, recursively. Its checker reads
// the description afresh for every value it meets (a regular expression on the type name, a
// new description object for every attribute value), which was the largest single cost of a
// local write: about a third of the engine's time for a batch of items. Here each
// description is compiled once into a tree of checkers that do exactly what dynalite's code
// does, in the same order, with the same result.
//
// Errors: on anything it does not accept, the compiled check hands the request to dynalite's
// own checker, which throws its exact error. Both only ever delete fields from the request
// (unknown and null ones, the same ones in the same order), so dynalite sees what it would
// have seen.
type Json = Record<string, unknown>;
type Desc = string | ({ type?: string; children?: unknown } & Json);
type Check = (val: unknown) => unknown;

/** dynalite's own checker, the reference (and the source of every error). */
export type CheckTypes = (data: Json, types: Json) => Json;

/** Thrown by a compiled check to hand the request to dynalite's checker. */
const REFUSED = new Error('refused: dynalite reports the error');
const refuse = (): never => {
  throw REFUSED;
};

/** The children dynalite gives an `AttrStruct<…>` (an AttributeValue). */
const ATTRIBUTE_VALUE: Json = {
  S: 'String',
  B: 'Blob',
  N: 'String',
  BOOL: 'Boolean',
  NULL: 'Boolean',
  BS: { type: 'List', children: 'Blob' },
  NS: { type: 'List', children: 'String' },
  SS: { type: 'List', children: 'String' },
  L: { type: 'List', children: 'AttrStruct<ValueStruct>' },
  M: { type: 'Map<AttributeValue>', children: 'AttrStruct<ValueStruct>' },
};

const BOOLEAN_TRUE = ['TRUE', '1', 'YES'];
const BOOLEAN_FALSE = ['FALSE', '0', 'NO'];

export function compiledCheckTypes(reference: CheckTypes): CheckTypes {
  const byObject = new WeakMap<object, Check>();
  const byName = new Map<string, Check>();
  const structs = new WeakMap<object, (val: Json) => Json>();

  /** The checker of one description (cached; recursive descriptions refer to themselves). */
  function compile(desc: Desc): Check {
    const cached = typeof desc === 'string' ? byName.get(desc) : byObject.get(desc);
    if (cached) return cached;
    // Filled in below; a recursive reference meanwhile goes through this indirection.
    let check: Check = () => refuse();
    const entry: Check = (val) => check(val);
    if (typeof desc === 'string') byName.set(desc, entry);
    else byObject.set(desc, entry);
    check = build(desc);
    return entry;
  }

  function build(desc: Desc): Check {
    if (desc === null || (typeof desc !== 'string' && typeof desc !== 'object')) return refuse;
    // As dynalite: children given as a name stand for `{ type: name }`.
    let children: unknown = typeof desc === 'string' ? undefined : desc.children;
    if (typeof children === 'string') children = { type: children };
    let type = typeof desc === 'string' ? desc : desc.type;
    if (typeof type !== 'string') return refuse;
    let subtype: string | undefined;
    const match = /(.+?)<(.+)>$/.exec(type);
    if (match) {
      type = match[1]!;
      subtype = match[2]!;
    }
    if (type === 'AttrStruct')
      return compile({ type: `${subtype}<AttributeValue>`, children: ATTRIBUTE_VALUE });
    const child = () => compile(children as Desc);
    switch (type) {
      case 'Boolean':
        return checkBoolean;
      case 'Short':
      case 'Integer':
      case 'Long':
        return checkInteger;
      case 'Double':
        return checkDouble;
      case 'String':
        return checkString;
      case 'Blob':
        return checkBlob;
      case 'List':
      case 'ParameterizedList': {
        let item: Check | undefined;
        return (val) => {
          if (!Array.isArray(val)) return refuse();
          item ??= child();
          const out = new Array<unknown>(val.length);
          for (let i = 0; i < val.length; i++) {
            const v = val[i];
            out[i] = v == null ? null : item(v);
          }
          return out;
        };
      }
      case 'ParameterizedMap':
      case 'Map': {
        let value: Check | undefined;
        return (val) => {
          if (typeof val !== 'object' || Array.isArray(val)) return refuse();
          value ??= child();
          const obj = val as Json;
          const out: Json = {};
          for (const key of Object.keys(obj)) {
            const v = obj[key];
            out[key] = v == null ? null : value(v);
          }
          return out;
        };
      }
      case 'ValueStruct':
      case 'FieldStruct': {
        if (typeof children !== 'object' || children === null) return refuse;
        const fields = struct(children as Json);
        return (val) => {
          if (typeof val !== 'object' || Array.isArray(val)) return refuse();
          return fields(val as Json);
        };
      }
      default:
        return refuse;
    }
  }

  /** dynalite's `checkTypes(val, types)`: unknown and null fields deleted, the rest checked. */
  function struct(types: Json): (val: Json) => Json {
    let fn = structs.get(types);
    if (fn) return fn;
    const names = Object.keys(types);
    const at = new Map(names.map((n, i) => [n, i]));
    let checks: Check[] | undefined;
    fn = (val) => {
      let kept = 0;
      let only: string | undefined;
      for (const key in val) {
        if (!types[key] || val[key] == null) delete val[key];
        else {
          kept++;
          only = key;
        }
      }
      checks ??= names.map((n) => compile(types[n] as Desc));
      const out: Json = {};
      // One field (an attribute value's type): no need to walk every known name for it.
      if (kept === 1 && Object.prototype.hasOwnProperty.call(val, only!)) {
        const i = at.get(only!);
        if (i !== undefined) {
          const v = checks[i]!(val[only!]);
          if (v != null) out[only!] = v;
          return out;
        }
      }
      for (let i = 0; i < names.length; i++) {
        const v0 = val[names[i]!];
        if (v0 == null) continue;
        const v = checks[i]!(v0);
        if (v != null) out[names[i]!] = v;
      }
      return out;
    };
    structs.set(types, fn);
    return fn;
  }

  return (data, types) => {
    try {
      return struct(types)(data);
    } catch {
      // dynalite's checker throws the exact error (and returns its result, were it to accept).
      return reference(data, types);
    }
  };
}

function checkBoolean(val: unknown): unknown {
  switch (typeof val) {
    case 'boolean':
      return val;
    case 'string': {
      const upper = val.toUpperCase();
      if (BOOLEAN_TRUE.includes(upper)) return true;
      if (BOOLEAN_FALSE.includes(upper)) return false;
      return refuse();
    }
    default:
      return refuse();
  }
}

function checkInteger(val: unknown): unknown {
  return typeof val === 'number' ? Math.floor(val) : refuse();
}

function checkDouble(val: unknown): unknown {
  return typeof val === 'number' ? val : refuse();
}

function checkString(val: unknown): unknown {
  return typeof val === 'string' ? val : refuse();
}

function checkBlob(val: unknown): unknown {
  if (typeof val !== 'string' || val.length % 4) return refuse();
  // As dynalite: only base64 that encodes back to itself.
  if (Buffer.from(val, 'base64').toString('base64') !== val) return refuse();
  return val;
}

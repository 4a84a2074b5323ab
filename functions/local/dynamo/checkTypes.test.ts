// The compiled type check must do exactly what dynalite's does: the same result (values and
// field order), the same error, and the same fields deleted from the request, for every
// operation's type description, on well-formed and broken requests alike.
import { createRequire } from 'node:module';
import { compiledCheckTypes, type CheckTypes } from './checkTypes.js';

const require = createRequire(import.meta.url);
type Json = Record<string, unknown>;

const reference = (require('dynalite/validations') as { checkTypes: CheckTypes }).checkTypes;
const OPERATIONS = [
  'batchGetItem',
  'batchWriteItem',
  'createTable',
  'deleteItem',
  'deleteTable',
  'describeTable',
  'describeTimeToLive',
  'getItem',
  'listTables',
  'listTagsOfResource',
  'putItem',
  'query',
  'scan',
  'tagResource',
  'untagResource',
  'updateItem',
  'updateTable',
];
const typesOf = (op: string) => (require(`dynalite/validations/${op}`) as { types: Json }).types;

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ATTRIBUTE_VALUE_NAMES = ['S', 'B', 'N', 'BOOL', 'NULL', 'BS', 'NS', 'SS', 'L', 'M'];

/**
 * Random JSON shaped by a dynalite type description; with probability `noise` a value is of
 * another kind (a wrong type, null, an unknown field, a boolean spelt as text, bad base64).
 */
function generator(rand: () => number, noise: number) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const junk = (): unknown =>
    pick([
      null,
      true,
      false,
      0,
      1.5,
      -3,
      'x',
      '',
      'TRUE',
      'no',
      'YES',
      'maybe',
      [],
      [1, 'a'],
      {},
      { a: 1 },
      'QR==',
      'AAAA',
      'AA=',
    ]);

  function value(desc: unknown, depth: number): unknown {
    if (rand() < noise) return junk();
    let children = typeof desc === 'object' && desc ? (desc as Json).children : undefined;
    if (typeof children === 'string') children = { type: children };
    let type = typeof desc === 'string' ? desc : String((desc as Json).type);
    let subtype = '';
    const m = /(.+?)<(.+)>$/.exec(type);
    if (m) {
      type = m[1]!;
      subtype = m[2]!;
    }
    if (type === 'AttrStruct') return attributeValue(depth);
    switch (type) {
      case 'Boolean':
        return pick([true, false, 'true', 'FALSE', '1', '0', 'yes']);
      case 'Short':
      case 'Integer':
      case 'Long':
      case 'Double':
        return pick([0, 1, 2.7, -4.2, 100, 1e3]);
      case 'String': {
        const e = typeof desc === 'object' && desc ? (desc as Json).enum : undefined;
        if (Array.isArray(e) && rand() < 0.7) return pick(e);
        return pick(['a', 'pk', 'T#t#ITEM', '商品', '', 'x'.repeat(30)]);
      }
      case 'Blob':
        return pick(['', 'AAAA', 'aGVsbG8=', 'aGk=', Buffer.from('payload').toString('base64')]);
      case 'List':
      case 'ParameterizedList':
        return depth > 3
          ? []
          : Array.from({ length: Math.floor(rand() * 3) }, () => value(children, depth + 1));
      case 'Map':
      case 'ParameterizedMap': {
        const out: Json = {};
        if (depth > 3) return out;
        for (let i = Math.floor(rand() * 3); i > 0; i--)
          out[pick(['a', 'b', 'factory', 'pk', '#n'])] = value(children, depth + 1);
        return out;
      }
      case 'ValueStruct':
      case 'FieldStruct':
        void subtype;
        return struct(children as Json, depth + 1);
      default:
        return junk();
    }
  }

  function attributeValue(depth: number): unknown {
    if (rand() < noise) return junk();
    const names = rand() < 0.9 ? [pick(ATTRIBUTE_VALUE_NAMES)] : [pick(ATTRIBUTE_VALUE_NAMES), 'S'];
    const out: Json = {};
    for (const n of names) {
      out[n] =
        n === 'S' || n === 'N'
          ? pick(['1', '2.5', 'abc', ''])
          : n === 'B'
            ? pick(['AAAA', 'aGk='])
            : n === 'BOOL' || n === 'NULL'
              ? pick([true, false, 'true'])
              : n === 'BS'
                ? ['AAAA']
                : n === 'NS' || n === 'SS'
                  ? ['1', '2']
                  : n === 'L'
                    ? depth > 3
                      ? []
                      : [attributeValue(depth + 1), attributeValue(depth + 1)]
                    : depth > 3
                      ? {}
                      : { a: attributeValue(depth + 1), b: attributeValue(depth + 1) };
    }
    if (rand() < noise) out.X = 'unknown';
    return out;
  }

  function struct(types: Json, depth: number): Json {
    const out: Json = {};
    // Fields in a random order: the result must follow the description's order regardless.
    const names = Object.keys(types).sort(() => rand() - 0.5);
    for (const n of names) if (rand() < 0.6) out[n] = value(types[n], depth);
    if (rand() < noise) out.Unknown = junk();
    if (rand() < noise) out[names[0] ?? 'x'] = null;
    return out;
  }

  return (types: Json) => struct(types, 0);
}

/** What a checker did: its result (as text, so field order counts) or its error. */
function outcome(check: CheckTypes, data: Json, types: Json) {
  try {
    const result = check(data, types);
    return { result: JSON.stringify(result), input: JSON.stringify(data) };
  } catch (err) {
    const e = err as Error & { statusCode?: number; body?: unknown };
    return {
      error: `${e.constructor.name}: ${e.message}`,
      statusCode: e.statusCode,
      body: JSON.stringify(e.body),
      input: JSON.stringify(data),
    };
  }
}

describe('compiled checkTypes', () => {
  let handedOver = 0;
  const compiled = compiledCheckTypes((data, types) => {
    handedOver++;
    return reference(data, types);
  });

  it.each(OPERATIONS)('%s: same result, error and deletions as dynalite', (op) => {
    const types = typesOf(op);
    for (const [seed, noise] of [
      [1, 0],
      [2, 0.02],
      [3, 0.1],
      [4, 0.3],
    ] as const) {
      const rand = prng(seed * 1000 + op.length);
      const generate = generator(rand, noise);
      let errors = 0;
      handedOver = 0;
      for (let i = 0; i < 400; i++) {
        const request = generate(types);
        const text = JSON.stringify(request);
        const expected = outcome(reference, JSON.parse(text) as Json, types);
        const actual = outcome(compiled, JSON.parse(text) as Json, types);
        if ('error' in expected) errors++;
        expect({ request: text, ...actual }).toEqual({ request: text, ...expected });
      }
      // The noisy rounds exercise errors; the clean one the compiled path alone (dynalite's
      // checker is only asked for the errors).
      if (noise >= 0.1) expect(errors).toBeGreaterThan(0);
      expect(handedOver).toBe(errors);
    }
  });

  it('a batch of items comes out exactly as dynalite gives it', () => {
    const item = {
      pk: { S: 'T#t#ITEM' },
      sk: { S: 'A-1' },
      n: { N: '12.5' },
      flag: { BOOL: 'true' },
      nothing: { NULL: true },
      lot: { M: { rule: { S: 'fixed' }, qty: { N: '10' } } },
      tags: { L: [{ S: 'a' }, { N: '1' }, { M: {} }] },
      set: { SS: ['a', 'b'] },
      blob: { B: 'aGk=' },
      skip: null,
    };
    const request = {
      ReturnConsumedCapacity: 'NONE',
      RequestItems: { factory: [{ PutRequest: { Item: item } }, { DeleteRequest: { Key: item } }] },
    };
    const types = typesOf('batchWriteItem');
    const text = JSON.stringify(request);
    expect(outcome(compiled, JSON.parse(text) as Json, types)).toEqual(
      outcome(reference, JSON.parse(text) as Json, types),
    );
  });

  it('errors are dynalite’s own', () => {
    const types = typesOf('putItem');
    for (const bad of [
      { TableName: 5, Item: {} },
      { TableName: 't', Item: { a: { S: 1 } } },
      { TableName: 't', Item: { a: { B: 'QR==' } } },
      { TableName: 't', Item: { a: { BOOL: 'maybe' } } },
      { TableName: 't', Item: { a: { L: {} } } },
      { TableName: 't', Item: [] },
      { TableName: 't', Item: { a: 'text' } },
    ]) {
      const text = JSON.stringify(bad);
      const expected = outcome(reference, JSON.parse(text) as Json, types);
      expect('error' in expected).toBe(true);
      expect(outcome(compiled, JSON.parse(text) as Json, types)).toEqual(expected);
    }
  });
});

import * as z from 'zod';
import { toFieldIssues } from './zodIssues.js';

const CJK = /[\u4e00-\u9fff]/;

function fail(schema: z.ZodType, input: unknown): z.ZodError {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected the input to be refused');
  return result.error;
}

const person = z.strictObject({
  name: z.string().min(1),
  age: z.number().int().min(0),
  address: z.strictObject({
    city: z.string(),
    zip: z.string().regex(/^\d{6}$/, { message: '邮编应为 6 位数字' }),
  }),
  tags: z.array(z.string()),
});

const goodPerson = { name: '张三', age: 30, address: { city: '佛山', zip: '528000' }, tags: ['a'] };

describe('toFieldIssues', () => {
  test('a valid input gives no error to convert', () => {
    expect(person.safeParse(goodPerson).success).toBe(true);
  });

  test('reports every bad field with its own path, not just the first', () => {
    const issues = toFieldIssues(
      fail(person, {
        ...goodPerson,
        name: '',
        age: -1,
        address: { city: 1, zip: 'x' },
        tags: ['ok', 2],
      }),
    );
    expect(issues.map((i) => i.path)).toEqual([
      ['name'],
      ['age'],
      ['address', 'city'],
      ['address', 'zip'],
      ['tags', 1],
    ]);
  });

  test('keeps the schema’s own message and the zod code', () => {
    const [issue] = toFieldIssues(
      fail(person, { ...goodPerson, address: { city: '佛山', zip: 'x' } }),
    );
    expect(issue).toEqual({
      path: ['address', 'zip'],
      message: '邮编应为 6 位数字',
      code: 'invalid_format',
    });
  });

  test('reports each unknown key at its own path, not on the parent', () => {
    const issues = toFieldIssues(fail(person, { ...goodPerson, nickname: 'x', extra: 1 }));
    expect(issues).toEqual([
      { path: ['nickname'], message: '未知字段：nickname', code: 'unrecognized_keys' },
      { path: ['extra'], message: '未知字段：extra', code: 'unrecognized_keys' },
    ]);
  });

  test('reports a nested unknown key under its parent’s path', () => {
    const issues = toFieldIssues(
      fail(person, { ...goodPerson, address: { ...goodPerson.address, street: 'x' } }),
    );
    expect(issues).toEqual([
      { path: ['address', 'street'], message: '未知字段：street', code: 'unrecognized_keys' },
    ]);
  });

  test('reports unknown keys and bad fields together', () => {
    const issues = toFieldIssues(fail(person, { ...goodPerson, age: 'old', extra: 1 }));
    expect(issues.map((i) => i.path)).toEqual([['age'], ['extra']]);
  });

  test('puts a prefix in front of every path', () => {
    const issues = toFieldIssues(fail(person, { ...goodPerson, age: -1, extra: 1 }), ['body']);
    expect(issues.map((i) => i.path)).toEqual([
      ['body', 'age'],
      ['body', 'extra'],
    ]);
  });

  test('a missing required field is reported at its path', () => {
    const { name: _name, ...withoutName } = goodPerson;
    const issues = toFieldIssues(fail(person, withoutName));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: ['name'], code: 'invalid_type' });
  });

  test('a refusal of the whole value has an empty path', () => {
    const issues = toFieldIssues(fail(person, 'not an object'));
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toEqual([]);
  });

  test('symbol path segments become strings', () => {
    const key = Symbol('s');
    const error = new z.ZodError([{ code: 'custom', path: [key], message: 'x', input: undefined }]);
    expect(toFieldIssues(error)[0]!.path).toEqual(['Symbol(s)']);
  });
});

describe('messages are zh-CN', () => {
  test.each([
    ['a missing field', z.object({ a: z.string() }), {}],
    ['a wrong type', z.object({ a: z.number() }), { a: 'x' }],
    ['a too short string', z.string().min(3), 'ab'],
    ['a too large number', z.number().max(6), 7],
    ['an unknown enum value', z.enum(['a', 'b']), 'c'],
  ])('for %s', (_label, schema, input) => {
    const issues = toFieldIssues(fail(schema, input));
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) {
      expect(issue.message).toMatch(CJK);
      expect(issue.message).not.toMatch(/Invalid|Expected|Too (small|big)/i);
    }
  });
});

import {
  zCode,
  zDate,
  zDecimal,
  zMoney,
  zName,
  zPageQuery,
  zPositiveQty,
  zQty,
  zRate,
  zUnitCost,
} from './common.js';
import { MAX_AMOUNT_FEN } from '../money.js';
import { issuesOf } from './contracts.builders.js';

const messages = (schema: Parameters<typeof issuesOf>[0], input: unknown) =>
  issuesOf(schema, input).map((i) => i.message);

describe('zCode', () => {
  test.each(['A', 'RM-01', 'fg.1', 'a_b/c', 'X'.repeat(64)])('accepts %s', (code) => {
    expect(zCode.safeParse(code).success).toBe(true);
  });

  test.each([
    ['empty', ''],
    ['with #', 'A#B'],
    ['with a space', 'A B'],
    ['leading dash', '-A'],
    ['leading dot', '.A'],
    ['65 characters', 'X'.repeat(65)],
    ['Chinese', '钢板'],
  ])('refuses %s', (_label, code) => {
    expect(zCode.safeParse(code).success).toBe(false);
  });

  test('explains the allowed characters in Chinese', () => {
    expect(messages(zCode, 'A#B')).toEqual(['编码只能包含字母、数字和 . _ / -']);
  });
});

describe('zName', () => {
  test('trims and refuses blank names', () => {
    expect(zName.parse('  钢板  ')).toBe('钢板');
    expect(zName.safeParse('   ').success).toBe(false);
  });
});

describe('zDate', () => {
  test.each(['2026-12-01', '2024-02-29', '2026-02-28', '2026-12-31'])(
    'accepts the real date %s',
    (d) => {
      expect(zDate.safeParse(d).success).toBe(true);
    },
  );

  test.each(['2026-02-30', '2026-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00'])(
    'refuses the impossible date %s',
    (d) => {
      expect(messages(zDate, d)).toEqual(['不是有效日期']);
    },
  );

  test.each(['2026-2-3', '20261201', '2026/12/01', '2026-12-01T00:00:00Z', ''])(
    'refuses the format %j',
    (d) => {
      expect(messages(zDate, d)).toContain('请输入日期，如 2026-12-31');
    },
  );
});

describe('quantities', () => {
  test.each(['0', '1', '12.5', '0.000001', '999999999999.999999', '-0'])('zQty accepts %s', (v) => {
    expect(zQty.safeParse(v).success).toBe(true);
  });

  test.each([
    ['13 integer digits', '1000000000000'],
    ['18 integer digits', '999999999999999999'],
    ['7 decimals', '0.0000001'],
    ['both', '123456789012345678.123456789'],
    ['a negative beyond the range', '-1000000000000'],
  ])('zQty, zPositiveQty and zRate refuse %s as out of range, once', (_label, v) => {
    for (const schema of [zQty, zPositiveQty, zRate])
      expect(messages(schema, v)).toEqual(['超出范围：最多 12 位整数、6 位小数']);
  });

  test('zQty refuses a negative quantity', () => {
    expect(messages(zQty, '-1')).toEqual(['数量不能为负']);
    expect(messages(zQty, '-0.001')).toEqual(['数量不能为负']);
  });

  test.each(['1e3', '01.5', '1.', '.5', '+1', '0x10', '-', 'Infinity'])(
    'zQty refuses the non-decimal text %j',
    (v) => {
      expect(messages(zQty, v)).toEqual(['请输入数字，如 12.5']);
    },
  );

  test.each(['abc', ' 1', '1,5', '', '１２'])(
    'zQty reports %j as an issue instead of throwing',
    (v) => {
      expect(messages(zQty, v)).toEqual(['请输入数字，如 12.5']);
    },
  );

  test.each([
    ['zPositiveQty', zPositiveQty],
    ['zRate', zRate],
  ])('%s reports "abc" as an issue instead of throwing', (_name, schema) => {
    expect(messages(schema, 'abc')).toEqual(['请输入数字，如 12.5']);
  });

  test('zQty refuses a JSON number', () => {
    const issues = issuesOf(zQty, 12.5);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.code).toBe('invalid_type');
  });

  test('zPositiveQty refuses zero and negatives', () => {
    expect(zPositiveQty.safeParse('0.001').success).toBe(true);
    expect(messages(zPositiveQty, '0')).toEqual(['数量必须大于 0']);
    expect(messages(zPositiveQty, '0.000')).toEqual(['数量必须大于 0']);
    expect(messages(zPositiveQty, '-2')).toEqual(['数量必须大于 0']);
  });

  test('zDecimal allows negatives (ledger moves are signed)', () => {
    expect(zDecimal.safeParse('-2.5').success).toBe(true);
  });

  test('zRate is in [0, 1)', () => {
    expect(zRate.safeParse('0').success).toBe(true);
    expect(zRate.safeParse('0.05').success).toBe(true);
    expect(zRate.safeParse('0.999999').success).toBe(true);
    expect(messages(zRate, '0.999999999')).toEqual(['超出范围：最多 12 位整数、6 位小数']);
    expect(messages(zRate, '1')).toEqual(['比率应在 0 到 1 之间']);
    expect(messages(zRate, '-0.1')).toEqual(['比率应在 0 到 1 之间']);
  });
});

describe('zMoney', () => {
  test('accepts an integer amount with a scale in CNY', () => {
    expect(zMoney.safeParse({ amount: 123456, scale: 2, currency: 'CNY' }).success).toBe(true);
  });

  test('refuses fractional amounts, other currencies, big scales and unknown fields', () => {
    const paths = issuesOf(zMoney, { amount: 1.5, scale: 9, currency: 'USD', note: 'x' }).map(
      (i) => i.path,
    );
    expect(paths).toEqual([['amount'], ['scale'], ['currency'], ['note']]);
  });
});

describe('zUnitCost', () => {
  const cost = (amount: number, scale = 2) => ({ amount, scale, currency: 'CNY' });
  test('accepts unit costs up to the largest amount, with more decimals than fen', () => {
    expect(zUnitCost.safeParse(cost(1234, 4)).success).toBe(true);
    expect(zUnitCost.safeParse(cost(MAX_AMOUNT_FEN)).success).toBe(true);
    expect(zUnitCost.safeParse(cost(MAX_AMOUNT_FEN * 100, 4)).success).toBe(true);
  });

  test('refuses a negative or too large unit cost at its amount', () => {
    expect(issuesOf(zUnitCost, cost(-1)).map((i) => i.path)).toEqual([['amount']]);
    expect(issuesOf(zUnitCost, cost(MAX_AMOUNT_FEN + 1)).map((i) => i.path)).toEqual([['amount']]);
    expect(issuesOf(zUnitCost, cost(2 ** 53 + 2)).map((i) => i.path)).toEqual([['amount']]);
  });
});

describe('zPageQuery', () => {
  test('defaults the limit to 50 and coerces query-string numbers', () => {
    expect(zPageQuery.parse({})).toEqual({ limit: 50 });
    expect(zPageQuery.parse({ limit: '20', cursor: 'abc', q: '  钢 ' })).toEqual({
      limit: 20,
      cursor: 'abc',
      q: '钢',
    });
  });

  test('refuses limits out of range and unknown parameters', () => {
    expect(issuesOf(zPageQuery, { limit: '0' })[0]!.path).toEqual(['limit']);
    expect(issuesOf(zPageQuery, { limit: '201' })[0]!.path).toEqual(['limit']);
    expect(issuesOf(zPageQuery, { limit: '2.5' })[0]!.path).toEqual(['limit']);
    expect(issuesOf(zPageQuery, { sort: 'x' })).toEqual([
      { path: ['sort'], message: '未知字段：sort', code: 'unrecognized_keys' },
    ]);
  });
});

describe('unit cost with a scale out of range', () => {
  it('is refused at its scale, never computed with (10^1e300 is beyond decimal.js-light)', () => {
    for (const scale of [1e300, 2 ** 53 + 2, -1, 9]) {
      const r = zUnitCost.safeParse({ amount: 100, scale, currency: 'CNY' });
      expect(r.success).toBe(false);
      expect(r.error!.issues.map((i) => i.path.join('.'))).toContain('scale');
    }
  });
});

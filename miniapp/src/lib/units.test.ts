import { unitLabel } from './units';

describe('unitLabel', () => {
  test("the tenant's own name wins over the code", () => {
    expect(unitLabel('pcs', new Map([['pcs', '只']]))).toBe('只');
  });
  test('a unit named by its code reads in zh-CN when the code is a common one', () => {
    expect(unitLabel('pcs', new Map([['pcs', 'pcs']]))).toBe('个');
    expect(unitLabel('KG')).toBe('千克');
  });
  test('an unknown code stays as it is; no unit is empty', () => {
    expect(unitLabel('drum')).toBe('drum');
    expect(unitLabel(undefined)).toBe('');
  });
});

import { type ItemReferenceFacts, type ItemShape, checkItem } from './index.js';

function anItem(overrides: Partial<ItemShape> = {}): ItemShape {
  return {
    code: 'RM1',
    unit: 'kg',
    precision: 3,
    source: 'purchased',
    safetyStock: '0',
    lotSizing: { rule: 'lotForLot' },
    ...overrides,
  };
}

function facts(overrides: Partial<ItemReferenceFacts> = {}): ItemReferenceFacts {
  return { unitExists: true, ...overrides };
}

const supplier = (...roles: string[]) => ({ supplier: { exists: true, roles } });

describe('checkItem', () => {
  test('a plain item with existing references has no problems', () => {
    const item = anItem({ defaultWarehouse: 'RM', defaultSupplier: 'S1', safetyStock: '20.125' });
    expect(
      checkItem(
        item,
        facts({ warehouse: { exists: true, active: true }, ...supplier('supplier') }),
      ),
    ).toEqual([]);
  });

  test('the unit must exist', () => {
    expect(checkItem(anItem(), facts({ unitExists: false }))).toEqual([
      { path: ['unit'], message: '计量单位不存在：kg' },
    ]);
  });

  describe('default warehouse', () => {
    test('must exist', () => {
      expect(
        checkItem(
          anItem({ defaultWarehouse: 'W9' }),
          facts({ warehouse: { exists: false, active: false } }),
        ),
      ).toEqual([{ path: ['defaultWarehouse'], message: '仓库不存在：W9' }]);
    });

    test('a missing fact counts as not existing', () => {
      expect(checkItem(anItem({ defaultWarehouse: 'W9' }), facts())).toEqual([
        { path: ['defaultWarehouse'], message: '仓库不存在：W9' },
      ]);
    });

    test('must be active', () => {
      expect(
        checkItem(
          anItem({ defaultWarehouse: 'RM' }),
          facts({ warehouse: { exists: true, active: false } }),
        ),
      ).toEqual([{ path: ['defaultWarehouse'], message: '仓库已停用：RM' }]);
    });

    test('is not checked when the item has none', () => {
      expect(checkItem(anItem(), facts({ warehouse: { exists: false, active: false } }))).toEqual(
        [],
      );
    });
  });

  describe('default supplier', () => {
    test('must exist', () => {
      expect(checkItem(anItem({ defaultSupplier: 'S9' }), facts())).toEqual([
        { path: ['defaultSupplier'], message: '往来单位不存在：S9' },
      ]);
    });

    test('of a purchased item must be a supplier', () => {
      expect(checkItem(anItem({ defaultSupplier: 'C1' }), facts(supplier('customer')))).toEqual([
        { path: ['defaultSupplier'], message: '往来单位 C1 不是供应商' },
      ]);
      expect(
        checkItem(anItem({ defaultSupplier: 'C1' }), facts(supplier('customer', 'supplier'))),
      ).toEqual([]);
    });

    test('of a purchased item cannot be a subcontractor only', () => {
      const issues = checkItem(anItem({ defaultSupplier: 'W1' }), facts(supplier('subcontractor')));
      expect(issues.map((i) => i.path)).toEqual([['defaultSupplier']]);
    });

    test('of an outsourced item may be a subcontractor', () => {
      expect(
        checkItem(
          anItem({ source: 'outsourced', defaultSupplier: 'W1' }),
          facts(supplier('subcontractor')),
        ),
      ).toEqual([]);
    });

    test('of an outsourced item cannot be a customer', () => {
      const issues = checkItem(
        anItem({ source: 'outsourced', defaultSupplier: 'C1' }),
        facts(supplier('customer')),
      );
      expect(issues.map((i) => i.path)).toEqual([['defaultSupplier']]);
    });
  });

  describe('precision', () => {
    test('safety stock must fit the unit', () => {
      expect(checkItem(anItem({ precision: 0, safetyStock: '1.5' }), facts())).toEqual([
        { path: ['safetyStock'], message: '安全库存 1.5 超出精度（0 位小数）' },
      ]);
      expect(checkItem(anItem({ precision: 0, safetyStock: '2.000' }), facts())).toEqual([]);
    });

    test('a fixed lot must fit the unit', () => {
      expect(
        checkItem(anItem({ precision: 0, lotSizing: { rule: 'fixed', qty: '0.5' } }), facts()),
      ).toEqual([{ path: ['lotSizing', 'qty'], message: '批量 0.5 超出精度（0 位小数）' }]);
    });

    test('minimum and multiple must fit the unit, each at its own path', () => {
      const item = anItem({
        precision: 1,
        lotSizing: { rule: 'minMultiple', min: '0.25', multiple: '0.05' },
      });
      expect(checkItem(item, facts()).map((i) => i.path)).toEqual([
        ['lotSizing', 'min'],
        ['lotSizing', 'multiple'],
      ]);
    });

    test('an absent minimum or multiple is not checked', () => {
      expect(
        checkItem(
          anItem({ precision: 0, lotSizing: { rule: 'minMultiple', multiple: '5' } }),
          facts(),
        ),
      ).toEqual([]);
      expect(
        checkItem(anItem({ precision: 0, lotSizing: { rule: 'minMultiple' } }), facts()),
      ).toEqual([]);
    });

    test('a period rule has no quantity to check', () => {
      expect(
        checkItem(anItem({ precision: 0, lotSizing: { rule: 'period', days: 7 } }), facts()),
      ).toEqual([]);
    });
  });

  describe('phantoms', () => {
    const phantom = (overrides: Partial<ItemShape> = {}) =>
      anItem({ source: 'phantom', ...overrides });

    test('a plain phantom is fine (zero written with decimals is still zero)', () => {
      expect(checkItem(phantom({ safetyStock: '0.000' }), facts())).toEqual([]);
    });

    test('carries no safety stock', () => {
      expect(checkItem(phantom({ safetyStock: '5' }), facts())).toEqual([
        { path: ['safetyStock'], message: '虚拟件不入库，安全库存必须为 0' },
      ]);
    });

    test('only lot-for-lot', () => {
      expect(checkItem(phantom({ lotSizing: { rule: 'period', days: 3 } }), facts())).toEqual([
        { path: ['lotSizing'], message: '虚拟件不生成计划订单，批量规则只能是按需（lotForLot）' },
      ]);
    });
  });

  describe('customer-supplied items (客供料)', () => {
    const supplied = (overrides: Partial<ItemShape> = {}) =>
      anItem({ source: 'customerSupplied', customer: 'C1', ...overrides });
    const customer = (...roles: string[]) => ({ customer: { exists: true, roles } });

    test('name an existing customer', () => {
      expect(checkItem(supplied(), facts(customer('customer')))).toEqual([]);
      expect(checkItem(supplied(), facts(customer('supplier', 'customer')))).toEqual([]);
    });

    test('without a customer are refused at customer', () => {
      expect(checkItem(supplied({ customer: undefined }), facts())).toEqual([
        { path: ['customer'], message: '客供料必须指定提供物料的客户' },
      ]);
    });

    test('naming a partner that does not exist (or no fact of it) are refused', () => {
      expect(checkItem(supplied(), facts())).toEqual([
        { path: ['customer'], message: '往来单位不存在：C1' },
      ]);
      expect(checkItem(supplied(), facts({ customer: { exists: false, roles: [] } }))).toEqual([
        { path: ['customer'], message: '往来单位不存在：C1' },
      ]);
    });

    test('naming a partner that is not a customer are refused', () => {
      expect(checkItem(supplied(), facts(customer('supplier')))).toEqual([
        { path: ['customer'], message: '往来单位 C1 不是客户' },
      ]);
    });

    test('have no default supplier: the customer provides them, nobody sells them', () => {
      expect(
        checkItem(
          supplied({ defaultSupplier: 'S1' }),
          facts({ ...customer('customer'), ...supplier('supplier') }),
        ),
      ).toEqual([
        { path: ['defaultSupplier'], message: '客供料由客户提供，不采购，不能有默认供应商' },
      ]);
    });

    test('an item of any other source names no customer', () => {
      for (const source of ['purchased', 'manufactured', 'outsourced', 'phantom'] as const) {
        expect(checkItem(anItem({ source, customer: 'C1' }), facts(customer('customer')))).toEqual([
          { path: ['customer'], message: '只有来源为客供料的物料才指定客户' },
        ]);
      }
    });
  });

  test('every problem is reported at once, under the given path prefix', () => {
    const item = anItem({
      source: 'phantom',
      precision: 0,
      safetyStock: '1.5',
      lotSizing: { rule: 'fixed', qty: '2.5' },
      defaultWarehouse: 'W9',
      defaultSupplier: 'S9',
    });
    const issues = checkItem(item, facts({ unitExists: false }), ['items', 4]);
    expect(issues.map((i) => i.path)).toEqual([
      ['items', 4, 'unit'],
      ['items', 4, 'defaultWarehouse'],
      ['items', 4, 'defaultSupplier'],
      ['items', 4, 'safetyStock'],
      ['items', 4, 'lotSizing', 'qty'],
      ['items', 4, 'safetyStock'],
      ['items', 4, 'lotSizing'],
    ]);
  });
});

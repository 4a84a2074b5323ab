import { anItemCreate, issuesOf, pathsOf } from './contracts.builders.js';
import {
  zItemCreate,
  zItemUpdate,
  zLotSizing,
  zPartnerCreate,
  zPartnerUpdate,
  zUnitUpdate,
  zWarehouseCreate,
  zWarehouseUpdate,
} from './masterData.js';

describe('zItemCreate', () => {
  test('fills the defaults of an item', () => {
    expect(zItemCreate.parse(anItemCreate())).toEqual({
      code: 'RM1',
      name: '钢板',
      unit: 'kg',
      precision: 3,
      source: 'purchased',
      strategy: 'mts',
      leadTimeDays: 0,
      safetyStock: '0',
      lotSizing: { rule: 'lotForLot' },
      inspection: false,
      active: true,
    });
  });

  test('keeps values that are given', () => {
    const item = zItemCreate.parse(
      anItemCreate({
        strategy: 'mto',
        leadTimeDays: 5,
        safetyStock: '20.5',
        lotSizing: { rule: 'fixed', qty: '100' },
        inspection: true,
        active: false,
        defaultWarehouse: 'RM',
      }),
    );
    expect(item).toMatchObject({
      strategy: 'mto',
      leadTimeDays: 5,
      safetyStock: '20.5',
      lotSizing: { rule: 'fixed', qty: '100' },
      inspection: true,
      active: false,
      defaultWarehouse: 'RM',
    });
  });

  test('reports every bad field at once, unknown keys at their own path', () => {
    const paths = pathsOf(
      zItemCreate,
      anItemCreate({
        code: 'A#1',
        name: ' ',
        precision: 7,
        source: 'bought',
        safetyStock: '-1',
        colour: 'red',
      }),
    );
    expect(paths).toEqual(['code', 'name', 'precision', 'source', 'safetyStock', 'colour']);
  });

  test('requires code, name, unit, precision and source', () => {
    expect(pathsOf(zItemCreate, {}).sort()).toEqual([
      'code',
      'name',
      'precision',
      'source',
      'unit',
    ]);
  });

  test('lead time is whole days from 0 to 365', () => {
    expect(pathsOf(zItemCreate, anItemCreate({ leadTimeDays: 1.5 }))).toEqual(['leadTimeDays']);
    expect(pathsOf(zItemCreate, anItemCreate({ leadTimeDays: 366 }))).toEqual(['leadTimeDays']);
    expect(pathsOf(zItemCreate, anItemCreate({ leadTimeDays: -1 }))).toEqual(['leadTimeDays']);
  });
});

describe('zLotSizing', () => {
  test.each([
    { rule: 'lotForLot' },
    { rule: 'fixed', qty: '500' },
    { rule: 'minMultiple', min: '100', multiple: '25' },
    { rule: 'minMultiple' },
    { rule: 'period', days: 7 },
  ])('accepts %j', (lot) => {
    expect(zLotSizing.safeParse(lot).success).toBe(true);
  });

  test('an unknown rule is reported at "rule"', () => {
    const issues = issuesOf(zLotSizing, { rule: 'weekly' });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: ['rule'], code: 'invalid_union' });
  });

  test('a missing rule is reported at "rule"', () => {
    expect(pathsOf(zLotSizing, { qty: '5' })).toEqual(['rule']);
  });

  test('the fields of the chosen rule are checked: a fixed lot needs a positive qty', () => {
    expect(pathsOf(zLotSizing, { rule: 'fixed' })).toEqual(['qty']);
    expect(issuesOf(zLotSizing, { rule: 'fixed', qty: '0' })).toEqual([
      { path: ['qty'], message: '数量必须大于 0', code: 'custom' },
    ]);
  });

  test('a period needs whole days from 1 to 366', () => {
    expect(pathsOf(zLotSizing, { rule: 'period', days: 0 })).toEqual(['days']);
    expect(pathsOf(zLotSizing, { rule: 'period', days: 367 })).toEqual(['days']);
    expect(pathsOf(zLotSizing, { rule: 'period' })).toEqual(['days']);
  });

  test('a field of another rule is an unknown key', () => {
    expect(issuesOf(zLotSizing, { rule: 'fixed', qty: '1', days: 3 })).toEqual([
      { path: ['days'], message: '未知字段：days', code: 'unrecognized_keys' },
    ]);
  });

  test('a minMultiple rule refuses a negative minimum and a zero multiple', () => {
    expect(pathsOf(zLotSizing, { rule: 'minMultiple', min: '-1', multiple: '0' })).toEqual([
      'min',
      'multiple',
    ]);
  });

  test('nested in an item, the path starts at lotSizing', () => {
    expect(pathsOf(zItemCreate, anItemCreate({ lotSizing: { rule: 'fixed' } }))).toEqual([
      'lotSizing.qty',
    ]);
  });
});

describe('zItemUpdate', () => {
  test('needs only the expected version', () => {
    expect(zItemUpdate.parse({ expectedVersion: 3 })).toEqual({ expectedVersion: 3 });
    expect(pathsOf(zItemUpdate, {})).toEqual(['expectedVersion']);
    expect(pathsOf(zItemUpdate, { expectedVersion: 0 })).toEqual(['expectedVersion']);
  });

  test('accepts null for the optional fields, to clear them', () => {
    const patch = {
      spec: null,
      category: null,
      defaultWarehouse: null,
      defaultSupplier: null,
      barcode: null,
    };
    expect(zItemUpdate.parse({ expectedVersion: 1, ...patch })).toEqual({
      expectedVersion: 1,
      ...patch,
    });
  });

  test.each([
    'name',
    'unit',
    'precision',
    'source',
    'strategy',
    'leadTimeDays',
    'safetyStock',
    'lotSizing',
    'inspection',
    'active',
  ])('refuses null for the required field %s', (field) => {
    expect(pathsOf(zItemUpdate, { expectedVersion: 1, [field]: null })).toEqual([field]);
  });

  test('a value that is given is still checked', () => {
    expect(
      pathsOf(zItemUpdate, { expectedVersion: 1, defaultWarehouse: 'A#', precision: 9 }),
    ).toEqual(['precision', 'defaultWarehouse']);
  });

  test('the code cannot be changed: it is an unknown key', () => {
    expect(pathsOf(zItemUpdate, { expectedVersion: 1, code: 'X' })).toEqual(['code']);
  });
});

describe('units, warehouses and partners', () => {
  test('a unit has no optional field, so null is refused everywhere', () => {
    expect(pathsOf(zUnitUpdate, { expectedVersion: 1, name: null, precision: null })).toEqual([
      'name',
      'precision',
    ]);
  });

  test('a warehouse defaults to not allowing negative stock, and active', () => {
    expect(zWarehouseCreate.parse({ code: 'RM', name: '原料仓', kind: 'normal' })).toEqual({
      code: 'RM',
      name: '原料仓',
      kind: 'normal',
      allowNegative: false,
      active: true,
    });
    expect(pathsOf(zWarehouseCreate, { code: 'RM', name: '原料仓', kind: 'yard' })).toEqual([
      'kind',
    ]);
  });

  test('a warehouse carries an optional location barcode, cleared with null', () => {
    const wh = { code: 'RM', name: '原料仓', kind: 'normal', barcode: 'LOC-RM-01' };
    expect(zWarehouseCreate.parse(wh)).toMatchObject({ barcode: 'LOC-RM-01' });
    expect(pathsOf(zWarehouseCreate, { ...wh, barcode: 'x'.repeat(65) })).toEqual(['barcode']);
    expect(zWarehouseUpdate.safeParse({ expectedVersion: 1, barcode: null }).success).toBe(true);
  });

  test('a warehouse partner may be cleared with null, its kind may not', () => {
    expect(zWarehouseUpdate.safeParse({ expectedVersion: 1, partner: null }).success).toBe(true);
    expect(pathsOf(zWarehouseUpdate, { expectedVersion: 1, kind: null })).toEqual(['kind']);
  });

  test('a partner needs at least one known role', () => {
    const base = { code: 'S1', name: '供应商1' };
    expect(zPartnerCreate.parse({ ...base, roles: ['supplier'] })).toMatchObject({ active: true });
    expect(pathsOf(zPartnerCreate, { ...base, roles: [] })).toEqual(['roles']);
    expect(pathsOf(zPartnerCreate, { ...base, roles: ['supplier', 'bank'] })).toEqual(['roles.1']);
    expect(pathsOf(zPartnerUpdate, { expectedVersion: 1, roles: [] })).toEqual(['roles']);
    expect(zPartnerUpdate.safeParse({ expectedVersion: 1, phone: null }).success).toBe(true);
  });
});

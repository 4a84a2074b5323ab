import { readFileSync } from 'node:fs';
import { type FactoryFile, zFactoryFile } from '@factory/shared';
import {
  aBom,
  aBomLine,
  aFactoryFile,
  aFileItem,
  aPurchaseOrder,
  aSalesOrder,
  aTaskOrder,
  anOutsourcingOrder,
} from './builders.js';
import { checkFactoryFile, formatPath } from './index.js';

const DEMO = new URL('../../../local/demo/factory.json', import.meta.url);

/** The problems of a file as "path: message", in the order they are reported. */
const problems = (file: FactoryFile) =>
  checkFactoryFile(file).map((i) => `${formatPath(i.path)}: ${i.message}`);
const pathsOf = (file: FactoryFile) => checkFactoryFile(file).map((i) => formatPath(i.path));

const base = aFactoryFile();

describe('checkFactoryFile: valid files', () => {
  test('the demo factory file has no problems', () => {
    const file = zFactoryFile.parse(JSON.parse(readFileSync(DEMO, 'utf8')));
    expect(checkFactoryFile(file)).toEqual([]);
  });

  test('the minimal builder file passes the contract and has no problems', () => {
    expect(zFactoryFile.safeParse(aFactoryFile()).success).toBe(true);
    expect(checkFactoryFile(aFactoryFile())).toEqual([]);
  });

  test('a file with every optional section filled correctly has no problems', () => {
    const file = aFactoryFile({
      calendar: { nonWorkingWeekdays: [6, 7], holidays: ['2026-12-25'] },
      stock: [{ item: 'RM1', warehouse: 'RM', qty: '120.5' }],
      purchaseOrders: [aPurchaseOrder()],
      taskOrders: [aTaskOrder({ received: '10', issued: [{ item: 'RM1', qty: '5.125' }] })],
      outsourcingOrders: [anOutsourcingOrder()],
      salesOrders: [aSalesOrder()],
      forecasts: [{ item: 'FG1', from: '2026-12-01', to: '2026-12-31', qty: '100' }],
    });
    expect(problems(file)).toEqual([]);
  });
});

describe('checkFactoryFile: duplicates', () => {
  test('duplicate codes are reported at the later entry', () => {
    const file = aFactoryFile({
      warehouses: [...base.warehouses, { code: 'RM', name: '又一个', kind: 'normal' }],
      partners: [...base.partners, { code: 'S1', name: '又一个', roles: ['supplier'] }],
      items: [...base.items, aFileItem()],
    });
    expect(problems(file)).toEqual([
      'warehouses[2].code: 仓库编码重复：RM',
      'partners[3].code: 往来单位编码重复：S1',
      'items[3].code: 物料编码重复：RM1',
    ]);
  });

  test('duplicate order numbers, BOM versions, components and forecasts', () => {
    const file = aFactoryFile({
      boms: [aBom('FG1', ['RM1', 'RM1']), aBom('FG1', ['RM1'])],
      purchaseOrders: [aPurchaseOrder(), aPurchaseOrder()],
      forecasts: [
        { item: 'FG1', from: '2026-12-01', to: '2026-12-31', qty: '100' },
        { item: 'FG1', from: '2026-12-01', to: '2026-12-15', qty: '50' },
      ],
    });
    expect(problems(file)).toEqual([
      'boms[0].lines[1].component: 子件 RM1 在同一清单中重复',
      'boms[1].version: 物料清单 FG1 的版本 V1 重复',
      'purchaseOrders[1].no: 单号重复：PO-1',
      'forecasts[1].from: 物料 FG1 在 2026-12-01 的预测重复',
    ]);
  });

  test('duplicate task, outsourcing and sales order numbers within their kind', () => {
    const file = aFactoryFile({
      taskOrders: [aTaskOrder(), aTaskOrder()],
      outsourcingOrders: [anOutsourcingOrder(), anOutsourcingOrder()],
      salesOrders: [aSalesOrder(), aSalesOrder()],
    });
    expect(problems(file)).toEqual([
      'taskOrders[1].no: 单号重复：MO-1',
      'outsourcingOrders[1].no: 单号重复：OO-1',
      'salesOrders[1].no: 单号重复：SO-1',
    ]);
  });

  test('the same number on a purchase order and a sales order is not a duplicate', () => {
    const file = aFactoryFile({
      purchaseOrders: [aPurchaseOrder({ no: '1001' })],
      salesOrders: [aSalesOrder({ no: '1001' })],
    });
    expect(problems(file)).toEqual([]);
  });

  test('another version of the same BOM is not a duplicate', () => {
    expect(
      problems(
        aFactoryFile({
          boms: [
            aBom('FG1', ['RM1'], { effectiveTo: '2026-12-31' }),
            aBom('FG1', ['RM1'], { version: 'V2', effectiveFrom: '2027-01-01' }),
          ],
        }),
      ),
    ).toEqual([]);
  });

  test('two versions of one BOM whose windows overlap are refused', () => {
    expect(
      problems(
        aFactoryFile({
          boms: [
            aBom('FG1', ['RM1'], { effectiveTo: '2027-01-10' }),
            aBom('FG1', ['RM1'], { version: 'V2', effectiveFrom: '2027-01-01' }),
          ],
        }),
      ),
    ).toEqual(['boms[1].effectiveFrom: 物料清单 FG1 的版本 V2 与 V1 生效期重叠']);
  });
});

describe('checkFactoryFile: references', () => {
  test('formatPath names the field: items[3].defaultWarehouse', () => {
    const file = aFactoryFile({
      items: [...base.items, aFileItem({ code: 'RM2', defaultWarehouse: 'NOWHERE' })],
    });
    const [issue, ...rest] = checkFactoryFile(file);
    expect(rest).toEqual([]);
    expect(formatPath(issue!.path)).toBe('items[3].defaultWarehouse');
    expect(issue!.message).toBe('仓库不存在：NOWHERE');
  });

  test('unknown items are reported wherever they are used', () => {
    const file = aFactoryFile({
      boms: [aBom('XX', ['RM1']), aBom('FG1', ['YY'])],
      stock: [{ item: 'ZZ', warehouse: 'RM', qty: '1' }],
      purchaseOrders: [
        aPurchaseOrder({ lines: [{ item: 'P1', qty: '1', dueDate: '2026-12-04' }] }),
      ],
      taskOrders: [aTaskOrder({ item: 'T1', issued: [{ item: 'I1', qty: '1' }] })],
      salesOrders: [aSalesOrder({ lines: [{ item: 'S9', qty: '1', dueDate: '2026-12-04' }] })],
      forecasts: [{ item: 'F1', from: '2026-12-01', to: '2026-12-31', qty: '1' }],
    });
    expect(problems(file)).toEqual([
      'boms[0].parent: 物料不存在：XX',
      'boms[1].lines[0].component: 物料不存在：YY',
      'stock[0].item: 物料不存在：ZZ',
      'purchaseOrders[0].lines[0].item: 物料不存在：P1',
      'taskOrders[0].item: 物料不存在：T1',
      'taskOrders[0].issued[0].item: 物料不存在：I1',
      'salesOrders[0].lines[0].item: 物料不存在：S9',
      'forecasts[0].item: 物料不存在：F1',
    ]);
  });

  test('unknown warehouses in stock and on BOM lines', () => {
    const file = aFactoryFile({
      boms: [aBom('FG1', [], { lines: [aBomLine({ warehouse: 'W9' })] })],
      stock: [{ item: 'RM1', warehouse: 'W8', qty: '1' }],
    });
    expect(problems(file)).toEqual([
      'boms[0].lines[0].warehouse: 仓库不存在：W9',
      'stock[0].warehouse: 仓库不存在：W8',
    ]);
  });
});

describe('checkFactoryFile: partner roles', () => {
  test('a purchase order needs a supplier', () => {
    const file = aFactoryFile({
      purchaseOrders: [
        aPurchaseOrder({ supplier: 'C1' }),
        aPurchaseOrder({ no: 'PO-2', supplier: 'NOBODY' }),
      ],
    });
    expect(problems(file)).toEqual([
      'purchaseOrders[0].supplier: 往来单位 C1 不是供应商',
      'purchaseOrders[1].supplier: 往来单位不存在：NOBODY',
    ]);
  });

  test('a sales order needs a customer', () => {
    expect(problems(aFactoryFile({ salesOrders: [aSalesOrder({ customer: 'S1' })] }))).toEqual([
      'salesOrders[0].customer: 往来单位 S1 不是客户',
    ]);
  });

  test('an outsourcing order needs a subcontractor; a plain supplier is refused', () => {
    expect(
      problems(aFactoryFile({ outsourcingOrders: [anOutsourcingOrder({ supplier: 'S1' })] })),
    ).toEqual(['outsourcingOrders[0].supplier: 往来单位 S1 不是外协厂']);
  });

  test('a partner with several roles serves in each of them', () => {
    const file = aFactoryFile({
      partners: [
        ...base.partners,
        { code: 'M1', name: '多角色', roles: ['customer', 'supplier', 'subcontractor'] },
      ],
      purchaseOrders: [aPurchaseOrder({ supplier: 'M1' })],
      salesOrders: [aSalesOrder({ customer: 'M1' })],
      outsourcingOrders: [anOutsourcingOrder({ supplier: 'M1' })],
    });
    expect(problems(file)).toEqual([]);
  });

  test('an item’s default supplier must exist and be able to supply', () => {
    const file = aFactoryFile({
      items: [
        aFileItem({ defaultSupplier: 'C1' }),
        aFileItem({ code: 'RM2', defaultSupplier: 'NOBODY' }),
      ],
      boms: [],
    });
    expect(problems(file)).toEqual([
      'items[0].defaultSupplier: 往来单位 C1 不是供应商',
      'items[1].defaultSupplier: 往来单位不存在：NOBODY',
    ]);
  });
});

describe('checkFactoryFile: quantities and dates', () => {
  test('quantities finer than the item’s unit are reported at their path', () => {
    const file = aFactoryFile({
      stock: [{ item: 'FG1', warehouse: 'FG', qty: '1.5' }],
      purchaseOrders: [
        aPurchaseOrder({
          lines: [{ item: 'RM1', qty: '1.0005', received: '0.0001', dueDate: '2026-12-04' }],
        }),
      ],
      taskOrders: [
        aTaskOrder({ qty: '2.5', received: '0.5', issued: [{ item: 'RM1', qty: '0.1234' }] }),
      ],
      salesOrders: [aSalesOrder({ lines: [{ item: 'FG1', qty: '0.5', dueDate: '2026-12-15' }] })],
      forecasts: [{ item: 'FG1', from: '2026-12-01', to: '2026-12-31', qty: '10.1' }],
    });
    expect(pathsOf(file)).toEqual([
      'stock[0].qty',
      'purchaseOrders[0].lines[0].qty',
      'purchaseOrders[0].lines[0].received',
      'taskOrders[0].qty',
      'taskOrders[0].received',
      'taskOrders[0].issued[0].qty',
      'salesOrders[0].lines[0].qty',
      'forecasts[0].qty',
    ]);
    expect(checkFactoryFile(file)[0]!.message).toBe('数量 1.5 超出物料 FG1 的精度（0 位小数）');
  });

  test('trailing zeros are not finer precision', () => {
    expect(
      problems(aFactoryFile({ stock: [{ item: 'FG1', warehouse: 'FG', qty: '3.000' }] })),
    ).toEqual([]);
  });

  test('received more than ordered is refused; received all is fine', () => {
    const file = aFactoryFile({
      purchaseOrders: [
        aPurchaseOrder({
          lines: [
            { item: 'RM1', qty: '200', received: '200.001', dueDate: '2026-12-04' },
            { item: 'RM1', qty: '200', received: '200', dueDate: '2026-12-04' },
          ],
        }),
      ],
      taskOrders: [aTaskOrder({ qty: '10', received: '11' })],
    });
    expect(problems(file)).toEqual([
      'purchaseOrders[0].lines[0].received: 已收数量 200.001 大于订单数量 200',
      'taskOrders[0].received: 已收数量 11 大于订单数量 10',
    ]);
  });

  test('a sales order line may carry delivered: finer than the unit or above qty is refused', () => {
    const line = (delivered: string) => ({
      item: 'FG1',
      qty: '30',
      delivered,
      dueDate: '2026-12-15',
    });
    expect(
      problems(aFactoryFile({ salesOrders: [aSalesOrder({ lines: [line('30'), line('0')] })] })),
    ).toEqual([]);
    expect(
      problems(aFactoryFile({ salesOrders: [aSalesOrder({ lines: [line('31'), line('2.5')] })] })),
    ).toEqual([
      'salesOrders[0].lines[0].delivered: 已发货数量 31 大于订单数量 30',
      'salesOrders[0].lines[1].delivered: 数量 2.5 超出物料 FG1 的精度（0 位小数）',
    ]);
  });

  test('dates out of order are reported at the later date', () => {
    const file = aFactoryFile({
      boms: [aBom('FG1', ['RM1'], { effectiveFrom: '2026-06-01', effectiveTo: '2026-05-31' })],
      taskOrders: [aTaskOrder({ startDate: '2026-12-05', dueDate: '2026-12-04' })],
      outsourcingOrders: [anOutsourcingOrder({ startDate: '2026-12-10', dueDate: '2026-12-09' })],
      forecasts: [{ item: 'FG1', from: '2026-12-31', to: '2026-12-01', qty: '1' }],
    });
    expect(problems(file)).toEqual([
      'boms[0].effectiveTo: 失效日期早于生效日期',
      'taskOrders[0].dueDate: 完工日期早于开工日期',
      'outsourcingOrders[0].dueDate: 完工日期早于开工日期',
      'forecasts[0].to: 预测结束日期早于开始日期',
    ]);
  });

  test('start and due on the same day is fine', () => {
    expect(
      problems(
        aFactoryFile({
          taskOrders: [aTaskOrder({ startDate: '2026-12-04', dueDate: '2026-12-04' })],
        }),
      ),
    ).toEqual([]);
  });

  test('calendar: duplicate weekdays and a week with no working day', () => {
    const file = aFactoryFile({
      calendar: { nonWorkingWeekdays: [1, 2, 3, 4, 5, 6, 7], holidays: [] },
    });
    expect(problems(file)).toEqual(['calendar.nonWorkingWeekdays: 一周至少要有一个工作日']);
    const dup = aFactoryFile({ calendar: { nonWorkingWeekdays: [6, 6], holidays: [] } });
    expect(problems(dup)).toEqual(['calendar.nonWorkingWeekdays: 休息日重复']);
  });
});

describe('checkFactoryFile: items, sources and BOMs', () => {
  const withPhantom = () => [
    ...base.items,
    aFileItem({ code: 'PH1', unit: 'pcs', precision: 0, source: 'phantom' }),
  ];

  test('a phantom may have stock (returns, leftovers): planning nets it first', () => {
    const file = aFactoryFile({
      items: withPhantom(),
      boms: [aBom('FG1', ['PH1']), aBom('PH1', ['RM1'])],
      stock: [{ item: 'PH1', warehouse: 'FG', qty: '1' }],
    });
    expect(problems(file)).toEqual([]);
    const fine = aFactoryFile({
      items: withPhantom(),
      stock: [{ item: 'PH1', warehouse: 'FG', qty: '1.5' }],
    });
    expect(problems(fine)).toEqual(['stock[0].qty: 数量 1.5 超出物料 PH1 的精度（0 位小数）']);
  });

  test('a phantom may be a component and have its own BOM', () => {
    const file = aFactoryFile({
      items: withPhantom(),
      boms: [aBom('FG1', ['PH1']), aBom('PH1', ['RM1'])],
    });
    expect(problems(file)).toEqual([]);
  });

  test('item rules are checked with the item’s path (phantom with safety stock)', () => {
    const items = [...base.items, aFileItem({ code: 'PH1', source: 'phantom', safetyStock: '5' })];
    expect(problems(aFactoryFile({ items }))).toEqual([
      'items[3].safetyStock: 虚拟件不入库，安全库存必须为 0',
    ]);
  });

  test('a substitute cannot be the BOM parent, and a substitute closing a loop is a cycle', () => {
    const own = aFactoryFile({
      boms: [
        aBom('FG1', [], {
          lines: [aBomLine({ substitutes: [{ item: 'FG1', priority: 1, ratio: '1' }] })],
        }),
      ],
    });
    expect(problems(own)).toEqual([
      'boms[0].lines[0].substitutes[0].item: 物料 FG1 不能是自己的替代料',
    ]);

    const items = [
      ...base.items,
      aFileItem({ code: 'SA1', unit: 'pcs', precision: 0, source: 'manufactured' }),
    ];
    const loop = aFactoryFile({
      items,
      boms: [
        aBom('FG1', [], {
          lines: [aBomLine({ substitutes: [{ item: 'SA1', priority: 1, ratio: '1' }] })],
        }),
        aBom('SA1', ['FG1']),
      ],
    });
    expect(
      problems(loop).some((p) => p.includes('物料清单存在循环') && p.includes('FG1 > SA1 > FG1')),
    ).toBe(true);
  });

  test('a purchased item cannot have a BOM', () => {
    expect(problems(aFactoryFile({ boms: [aBom('RM1', ['FG1'])] }))).toEqual([
      'boms[0].parent: 外购件 RM1 不应有物料清单',
    ]);
  });

  test('a task order must make a manufactured item; an outsourcing order an outsourced or manufactured one', () => {
    const file = aFactoryFile({
      taskOrders: [aTaskOrder({ item: 'RM1' }), aTaskOrder({ no: 'MO-2', item: 'OS1' })],
      outsourcingOrders: [
        anOutsourcingOrder(),
        anOutsourcingOrder({ no: 'OO-2', item: 'FG1' }),
        anOutsourcingOrder({ no: 'OO-3', item: 'RM1' }),
      ],
    });
    expect(problems(file)).toEqual([
      'taskOrders[0].item: 物料 RM1 的来源是 purchased，不能下此类订单',
      'taskOrders[1].item: 物料 OS1 的来源是 outsourced，不能下此类订单',
      'outsourcingOrders[2].item: 物料 RM1 的来源是 purchased，不能下此类订单',
    ]);
  });

  test('a BOM line cannot name its own parent, and that is not also reported as a cycle', () => {
    expect(problems(aFactoryFile({ boms: [aBom('FG1', ['RM1', 'FG1'])] }))).toEqual([
      'boms[0].lines[1].component: 物料 FG1 不能是自己的子件',
    ]);
  });

  test('substitutes must exist and differ from the component', () => {
    const line = aBomLine({
      substitutes: [
        { item: 'OS1', priority: 1, ratio: '1' },
        { item: 'NOPE', priority: 2, ratio: '1' },
        { item: 'RM1', priority: 3, ratio: '1' },
      ],
    });
    expect(problems(aFactoryFile({ boms: [aBom('FG1', [], { lines: [line] })] }))).toEqual([
      'boms[0].lines[0].substitutes[1].item: 物料不存在：NOPE',
      'boms[0].lines[0].substitutes[2].item: 替代料不能是子件本身',
    ]);
  });

  test('a BOM cycle is reported once, with its path, at the line that closes it', () => {
    const items = [
      ...base.items,
      ...['A', 'B', 'C'].map((code) => aFileItem({ code, source: 'manufactured' })),
    ];
    const file = aFactoryFile({
      items,
      boms: [...(base.boms ?? []), aBom('A', ['B']), aBom('B', ['C']), aBom('C', ['A', 'RM1'])],
    });
    expect(problems(file)).toEqual(['boms[3].lines[0].component: 物料清单存在循环：A > B > C > A']);
  });

  test('a two-item cycle through separate BOM versions is found too', () => {
    const items = [...base.items, aFileItem({ code: 'SA1', source: 'manufactured' })];
    const file = aFactoryFile({
      items,
      boms: [
        aBom('FG1', ['SA1']),
        aBom('SA1', ['RM1'], { effectiveTo: '2026-12-31' }),
        aBom('SA1', ['FG1'], { version: 'V2', effectiveFrom: '2027-01-01' }),
      ],
    });
    expect(problems(file)).toEqual([
      'boms[2].lines[0].component: 物料清单存在循环：FG1 > SA1 > FG1',
    ]);
  });
});

describe('checkFactoryFile: customer-supplied material (客供料)', () => {
  const CS = { code: 'CS', name: '客供料仓', kind: 'customerSupplied' as const };
  const C2 = { code: 'C2', name: '客户2', roles: ['customer' as const] };
  const CS1 = aFileItem({
    code: 'CS1',
    name: '客供彩箱',
    unit: 'pcs',
    precision: 0,
    source: 'customerSupplied',
    customer: 'C1',
    defaultWarehouse: 'CS',
  });
  const withCs = (overrides: Partial<FactoryFile> = {}) =>
    aFactoryFile({
      warehouses: [...base.warehouses, CS],
      partners: [...base.partners, C2],
      items: [...base.items, CS1],
      ...overrides,
    });

  test('a customer-supplied item with its customer, its owners’ stock and its use in a BOM is fine', () => {
    const file = withCs({
      boms: [aBom('FG1', ['RM1', 'CS1'])],
      stock: [
        { item: 'CS1', warehouse: 'CS', qty: '40', customer: 'C1' },
        { item: 'CS1', warehouse: 'CS', qty: '100', customer: 'C2', status: 'inspection' },
        // Another item kept in the customer-supplied warehouse for a customer.
        { item: 'RM1', warehouse: 'CS', qty: '5', customer: 'C2' },
      ],
    });
    expect(zFactoryFile.safeParse(file).success).toBe(true);
    expect(problems(file)).toEqual([]);
  });

  test('a customer-supplied item names an existing customer and no supplier; others name no customer', () => {
    const file = withCs({
      items: [
        ...base.items.map((i) => (i.code === 'RM1' ? { ...i, customer: 'C1' } : i)),
        { ...CS1, customer: undefined },
        { ...CS1, code: 'CS2', customer: 'S1', defaultSupplier: 'S1' },
        { ...CS1, code: 'CS3', customer: 'C9' },
      ],
    });
    expect(problems(file)).toEqual([
      'items[1].customer: 只有来源为客供料的物料才指定客户',
      'items[3].customer: 客供料必须指定提供物料的客户',
      'items[4].customer: 往来单位 S1 不是客户',
      'items[4].defaultSupplier: 客供料由客户提供，不采购，不能有默认供应商',
      'items[5].customer: 往来单位不存在：C9',
    ]);
  });

  test('stock in a customer-supplied warehouse names its owner, a customer; stock elsewhere names none', () => {
    const file = withCs({
      stock: [
        { item: 'CS1', warehouse: 'CS', qty: '40' },
        { item: 'CS1', warehouse: 'CS', qty: '40', customer: 'S1' },
        { item: 'CS1', warehouse: 'CS', qty: '40', customer: 'C9' },
        { item: 'CS1', warehouse: 'RM', qty: '40', customer: 'C1' },
        { item: 'RM1', warehouse: 'RM', qty: '1', customer: 'C2' },
        { item: 'RM1', warehouse: 'CS', qty: '1' },
      ],
    });
    expect(problems(file)).toEqual([
      'stock[0].customer: 客供料仓 CS 的库存必须指定所属客户',
      'stock[1].customer: 往来单位 S1 不是客户',
      'stock[2].customer: 往来单位不存在：C9',
      'stock[3].customer: 只有客供料仓的库存有所属客户（仓库 RM 不是客供料仓）',
      'stock[4].customer: 只有客供料仓的库存有所属客户（仓库 RM 不是客供料仓）',
      'stock[5].customer: 客供料仓 CS 的库存必须指定所属客户',
    ]);
  });

  test('a customer-supplied item is neither bought, nor made, nor given a BOM', () => {
    const file = withCs({
      boms: [...base.boms!, aBom('CS1', ['RM1'])],
      purchaseOrders: [
        aPurchaseOrder({
          lines: [
            { item: 'RM1', qty: '1', dueDate: '2026-12-04' },
            { item: 'CS1', qty: '10', dueDate: '2026-12-04' },
          ],
        }),
      ],
      taskOrders: [aTaskOrder({ item: 'CS1' })],
    });
    expect(problems(file)).toEqual([
      'boms[1].parent: 客供料 CS1 由客户提供，不应有物料清单',
      'purchaseOrders[0].lines[1].item: 客供料 CS1 由客户提供，不采购',
      'taskOrders[0].item: 物料 CS1 的来源是 customerSupplied，不能下此类订单',
    ]);
  });
});

describe('checkFactoryFile: size limits of documents kept as one record', () => {
  test('an order above 1,000 lines, issued lists and holidays above their limits are refused with their paths', () => {
    const lines = (n: number) =>
      Array.from({ length: n }, () => ({ item: 'RM1', qty: '1', dueDate: '2026-12-04' }));
    const file = aFactoryFile({
      calendar: {
        nonWorkingWeekdays: [],
        holidays: Array.from({ length: 3_661 }, () => '2026-12-25'),
      },
      purchaseOrders: [
        aPurchaseOrder({ lines: lines(1_001) }),
        aPurchaseOrder({ no: 'PO-2', lines: lines(1_000) }),
      ],
      salesOrders: [aSalesOrder({ lines: lines(1_001).map((l) => ({ ...l, item: 'FG1' })) })],
      taskOrders: [
        aTaskOrder({ issued: Array.from({ length: 1_001 }, () => ({ item: 'RM1', qty: '1' })) }),
      ],
    });
    expect(problems(file)).toEqual([
      'purchaseOrders[0].lines: 每张订单最多 1000 行（此处 1001 行），请拆分',
      'taskOrders[0].issued: 已发料最多 1000 行（此处 1001 行），请拆分',
      'salesOrders[0].lines: 每张订单最多 1000 行（此处 1001 行），请拆分',
      'calendar.holidays: 节假日最多 3660 行（此处 3661 行），请拆分',
    ]);
  });
});

describe('checkFactoryFile: many problems', () => {
  test('every problem of a file is reported at once, each with its path', () => {
    const file = aFactoryFile({
      items: [...base.items, aFileItem(), aFileItem({ code: 'RM3', defaultWarehouse: 'W0' })],
      boms: [aBom('RM1', ['FG1'])],
      stock: [{ item: 'FG1', warehouse: 'FG', qty: '0.5' }],
      purchaseOrders: [aPurchaseOrder({ supplier: 'C1' })],
      taskOrders: [aTaskOrder({ startDate: '2026-12-09' })],
      salesOrders: [aSalesOrder({ customer: 'X' })],
    });
    expect(pathsOf(file)).toEqual([
      'items[3].code',
      'items[4].defaultWarehouse',
      'boms[0].parent',
      'stock[0].qty',
      'purchaseOrders[0].supplier',
      'taskOrders[0].dueDate',
      'salesOrders[0].customer',
    ]);
  });
});

describe('formatPath', () => {
  test.each([
    [[], ''],
    [['runDate'], 'runDate'],
    [['items', 3, 'defaultWarehouse'], 'items[3].defaultWarehouse'],
    [['boms', 0, 'lines', 2, 'substitutes', 1, 'item'], 'boms[0].lines[2].substitutes[1].item'],
    [['calendar', 'nonWorkingWeekdays', 0], 'calendar.nonWorkingWeekdays[0]'],
    [[0, 'a'], '[0].a'],
  ])('%j -> %s', (path, text) => {
    expect(formatPath(path)).toBe(text);
  });
});

import type { OutsourcingComponent, PriceListEntry } from '@factory/shared';
import {
  documentKindLabel,
  nameCodes,
  unitPriceText,
  kitSendQty,
  needKey,
  openNeeds,
  osStatusLabel,
  perSet,
  pricePolicy,
  receiptRefusal,
  toSend,
} from './outsourcing';

const entry = (e: Partial<PriceListEntry>): PriceListEntry => ({
  supplier: 'W-XH',
  item: 'OS-TUBE',
  unitPrice: '1.85',
  minQty: '0',
  effectiveFrom: '2026-01-01',
  ...e,
});

const order = {
  subcontractor: 'W-XH',
  item: 'OS-TUBE',
  qty: '800',
  orderDate: '2026-06-10',
  startDate: '2026-06-12',
};

describe('the price policy lookup of an order', () => {
  test('the highest break not above the order quantity, in force on the order date', () => {
    const entries = [
      entry({ minQty: '0', unitPrice: '1.85' }),
      entry({ minQty: '500', unitPrice: '1.6' }),
      entry({ minQty: '1000', unitPrice: '1.4' }),
    ];
    const p = pricePolicy(order, entries);
    expect(p.date).toBe('2026-06-10');
    expect(p.inForce?.unitPrice).toBe('1.6');
    expect(p.breaks.map((e) => e.minQty)).toEqual(['0', '500', '1000']);
    expect(p.others).toEqual([]);
  });

  test('an entry whose break equals the quantity applies (breaks compare as decimals)', () => {
    const p = pricePolicy({ ...order, qty: '500' }, [
      entry({ minQty: '0' }),
      entry({ minQty: '500.0', unitPrice: '1.6' }),
      entry({ minQty: '60', unitPrice: '1.7' }),
    ]);
    expect(p.inForce?.unitPrice).toBe('1.6');
    expect(p.breaks.map((e) => e.minQty)).toEqual(['0', '60', '500.0']);
  });

  test('entries outside the date are listed apart; the latest start wins on the same break', () => {
    const entries = [
      entry({ unitPrice: '2', effectiveTo: '2026-03-31' }),
      entry({ unitPrice: '1.9', effectiveFrom: '2026-04-01' }),
      entry({ unitPrice: '1.8', effectiveFrom: '2026-06-01' }),
      entry({ unitPrice: '1.5', effectiveFrom: '2026-07-01' }),
    ];
    const p = pricePolicy(order, entries);
    expect(p.inForce?.unitPrice).toBe('1.8');
    expect(p.breaks.map((e) => e.unitPrice)).toEqual(['1.9', '1.8']);
    expect(p.others.map((e) => e.unitPrice)).toEqual(['2', '1.5']);
  });

  test('the start date prices an order without an order date; both ends of a window count', () => {
    const p = pricePolicy({ ...order, orderDate: undefined }, [
      entry({ effectiveFrom: '2026-06-12', effectiveTo: '2026-06-12', unitPrice: '1.7' }),
    ]);
    expect(p.date).toBe('2026-06-12');
    expect(p.inForce?.unitPrice).toBe('1.7');
  });

  test('none in force: no price (the receipt would be refused); other partners and items ignored', () => {
    const p = pricePolicy(order, [
      entry({ minQty: '1000' }),
      entry({ supplier: 'W-LM', unitPrice: '9' }),
      entry({ item: 'OS-GUARD', unitPrice: '9' }),
    ]);
    expect(p.inForce).toBeUndefined();
    expect(p.breaks.map((e) => e.minQty)).toEqual(['1000']);
  });
});

const need = (c: Partial<OutsourcingComponent>): OutsourcingComponent => ({
  item: 'PT-TUBE',
  qtyPer: '1',
  lossRate: '0.01',
  required: '101',
  sent: '0',
  consumed: '0',
  atSubcontractor: '0',
  warehouse: 'RM',
  ...c,
});

describe('sends', () => {
  test('N sets: N × per set with loss, rounded up to the precision, at most what is left', () => {
    expect(perSet(need({}))).toBe('1.01');
    expect(kitSendQty(need({}), '2', 0)).toBe('3');
    expect(kitSendQty(need({}), '2', 2)).toBe('2.02');
    expect(kitSendQty(need({ sent: '100' }), '2', 0)).toBe('1');
    expect(kitSendQty(need({ qtyPer: '0.065', lossRate: '0.05' }), '10', 3)).toBe('0.683');
    expect(kitSendQty(need({}), '0', 0)).toBeUndefined();
    expect(kitSendQty(need({}), 'abc', 0)).toBeUndefined();
  });

  test('what is still to send; needs sent in full are not open', () => {
    expect(toSend(need({ sent: '40' }))).toBe('61');
    expect(toSend(need({ sent: '120' }))).toBe('0');
    const open = openNeeds({
      components: [need({}), need({ item: 'PT-RING', sent: '101' })],
    });
    expect(open.map((c) => c.item)).toEqual(['PT-TUBE']);
    expect(needKey(need({ trackingNo: 'SO-1' }))).toBe('PT-TUBE#SO-1');
    expect(needKey(need({}))).toBe('PT-TUBE');
  });
});

describe('a refused receipt', () => {
  const components = [
    need({ itemName: '立杆外管白坯', unit: 'pcs' }),
    need({ item: 'PT-POWDER', itemName: '塑粉', unit: 'kg' }),
  ];
  test('a shortage at the subcontractor names each component with its unit and the place', () => {
    const lines = receiptRefusal(
      {
        code: 'stock.insufficient',
        message: '库存不足：物料 PT-TUBE …',
        details: {
          shortages: [
            { item: 'PT-TUBE', warehouse: 'SUB-XH', available: '3', requested: '6' },
            { item: 'PT-POWDER', warehouse: 'SUB-XH', available: '0.1', requested: '0.35' },
          ],
        },
      },
      { components },
      new Map([['SUB-XH', '外协仓-兴华']]),
    );
    expect(lines).toEqual([
      '立杆外管白坯：外协仓-兴华 仅有 3个，本次需耗用 6个，缺 3个',
      '塑粉：外协仓-兴华 仅有 0.1千克，本次需耗用 0.35千克，缺 0.25千克',
    ]);
  });
  test('anything else: the server message', () => {
    expect(
      receiptRefusal({ code: 'validation', message: '没有有效的委外价格' }, undefined),
    ).toEqual(['没有有效的委外价格']);
  });
});

test('labels', () => {
  expect(osStatusLabel('open')).toBe('执行中');
  expect(osStatusLabel('completed')).toBe('已完成');
  expect(documentKindLabel('send')).toBe('发料');
  expect(documentKindLabel('receipt')).toBe('入库');
});

test('unit prices show at least two decimals', () => {
  expect(unitPriceText('1.6')).toBe('¥1.60');
  expect(unitPriceText('2')).toBe('¥2.00');
  expect(unitPriceText('1.855')).toBe('¥1.855');
});

test('codes in a server message are replaced by names, whole codes only', () => {
  const names = new Map([
    ['SUB-LM', '外协仓-丽美喷涂'],
    ['SUB-L', '不该出现'],
    ['W-LIMEI', '丽美喷涂厂'],
    ['W-XINGHUA', '兴华电镀厂'],
  ]);
  expect(nameCodes('仓库 SUB-LM 属于外协厂 W-LIMEI，不是本单外协厂 W-XINGHUA 的仓库', names)).toBe(
    '仓库 外协仓-丽美喷涂 属于外协厂 丽美喷涂厂，不是本单外协厂 兴华电镀厂 的仓库',
  );
  expect(nameCodes('SUB-LMX 与 XSUB-LM 不变', names)).toBe('SUB-LMX 与 XSUB-LM 不变');
  expect(nameCodes('没有代码', new Map())).toBe('没有代码');
});

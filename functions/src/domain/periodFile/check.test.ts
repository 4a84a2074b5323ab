import { readFileSync } from 'node:fs';
import { type PeriodFile, zPeriodFile } from '@factory/shared';
import { checkPeriodFile } from './check.js';

const example = (): PeriodFile =>
  zPeriodFile.parse(
    JSON.parse(
      readFileSync(
        new URL('../../../../docs/examples/period-scenario.json', import.meta.url),
        'utf8',
      ),
    ),
  );

const messages = (file: PeriodFile) =>
  checkPeriodFile(file).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('checkPeriodFile', () => {
  test('the SCENARIO example is sound', () => {
    expect(messages(example())).toEqual([]);
  });

  test('master data is checked as in a factory file, at the period file’s paths', () => {
    const file = example();
    file.items[0]!.defaultWarehouse = 'NOPE';
    file.opening!.stock![0]!.item = 'GHOST';
    expect(messages(file)).toEqual([
      'items.0.defaultWarehouse: 仓库不存在：NOPE',
      'opening.stock.0.item: 物料不存在：GHOST',
    ]);
  });

  test('periods run month by month; events stay inside them', () => {
    const file = example();
    file.periods = ['2026-11', '2027-01'];
    file.events[0]!.date = '2026-10-31';
    expect(messages(file)).toEqual([
      'periods.1: 期间应逐月连续：2026-11 之后应是 2026-12',
      'events.0.date: 日期 2026-10-31 不在期间 2026-11 至 2027-01 内',
    ]);
  });

  test('every event’s references, of the right kind, and its quantities', () => {
    const file = example();
    const e = file.events as Record<string, unknown>[] & PeriodFile['events'];
    Object.assign(e[0]!, { supplier: 'C1' }); // a customer, not a supplier
    Object.assign(e[1]!, { order: 'OS-9' }); // no such order
    (e[1] as { lines: { qty: string }[] }).lines[0]!.qty = '1.2345'; // kg: 3 decimals
    Object.assign(e[6]!, { order: 'MO-1' }); // a task order received from a subcontractor
    Object.assign(e[8]!, { pool: 'power' });
    (e[9] as { lines: { warehouse: string }[] }).lines[0]!.warehouse = 'RM';
    (e[12] as { lines: { warehouse: string }[] }).lines[0]!.warehouse = 'CS';
    expect(messages(file)).toEqual([
      'events.0.supplier: 往来单位 C1 不是供应商',
      'events.1.order: 订单不存在：OS-9',
      'events.1.lines.0.qty: 数量 1.2345 超出物料 RM1 的精度（3 位小数）',
      'events.6.order: 委外订单不存在：MO-1',
      'events.8.pool: 费用池不存在：power',
      'events.9.lines.0.customer: 仓库 RM 不是客供料仓，其中的库存不属于客户',
      'events.9.lines.0.warehouse: 客供料只能进出客供料仓，RM 不是客供料仓',
      'events.12.lines.0.customer: 客供料仓 CS 中的 RM1 需注明所属客户（customer）',
    ]);
  });

  test('opening WIP, processing prices and pools', () => {
    const file = example();
    file.opening!.wip!.push({ order: 'MO-1' }, { order: 'MO-9', pools: { power: '1.00' } });
    file.opening!.stock![1]!.value = '5.00';
    file.outsourcingPrices!.push({
      supplier: 'W1',
      item: 'SA1',
      from: '2026-01-01',
      breaks: [
        { minQty: '10', price: '1' },
        { minQty: '10.0', price: '2' },
      ],
    });
    file.pools!.push({ code: 'labour', basis: 'quantity' });
    expect(messages(file)).toEqual([
      'pools.2.code: 费用池编码重复：labour',
      'opening.stock.1.value: 客供料不计价值，期初库存不能有金额',
      'opening.wip.1.order: 期初在制重复：MO-1',
      'opening.wip.2.order: 订单不存在：MO-9',
      'opening.wip.2.pools.power: 费用池不存在：power',
      'outsourcingPrices.1.from: 外协厂 W1 的 SA1 自 2026-01-01 起已有价格政策',
      'outsourcingPrices.1.breaks.1.minQty: 数量分段重复：10.0',
      'outsourcingPrices.1.breaks: 数量分段应从 0 起',
    ]);
  });
});

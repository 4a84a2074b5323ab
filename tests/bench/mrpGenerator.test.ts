import { jest } from '@jest/globals';
import { zFactoryFile } from '@factory/shared';
import { checkFactoryFile } from '../../functions/src/domain/factoryFile/index.js';
import { mrpInputFromFile, planMrp } from '../../functions/src/domain/mrp/index.js';
import { mrpFactory, structureDepth } from './mrpGenerator.js';

describe('mrpFactory (bench:mrp data)', () => {
  const size = { items: 3_000, lines: 15_000, levels: 6, demandLines: 300 };
  const { file, stats } = mrpFactory(size);

  test('is a valid factory data file, as an import checks it', () => {
    expect(zFactoryFile.safeParse(file).success).toBe(true);
    expect(checkFactoryFile(file)).toEqual([]);
  });

  test('has exactly the items, BOM lines, levels and demand lines asked for', () => {
    expect(file.items).toHaveLength(size.items);
    expect(file.boms!.reduce((n, b) => n + b.lines.length, 0)).toBe(size.lines);
    expect(structureDepth(file)).toBe(size.levels);
    expect(file.salesOrders!.reduce((n, s) => n + s.lines.length, 0)).toBe(size.demandLines);
    expect(stats).toMatchObject({ items: size.items, bomLines: size.lines, levels: size.levels });
    const made = file.items.filter((i) => i.source !== 'purchased').map((i) => i.code);
    expect(new Set(file.boms!.map((b) => b.parent))).toEqual(new Set(made));
  });

  test('has the mix a plan needs: every lot-sizing rule, phantoms, MTO, supply and demand kinds', () => {
    expect(new Set(file.items.map((i) => i.lotSizing.rule))).toEqual(
      new Set(['lotForLot', 'fixed', 'minMultiple', 'period']),
    );
    expect(new Set(file.items.map((i) => i.source))).toEqual(
      new Set(['purchased', 'manufactured', 'outsourced', 'phantom']),
    );
    const leadTimes = file.items.map((i) => i.leadTimeDays);
    expect(Math.min(...leadTimes)).toBe(0);
    expect(Math.max(...leadTimes)).toBe(15);
    expect(file.items.some((i) => i.safetyStock !== '0')).toBe(true);
    expect(stats.phantoms).toBeGreaterThan(0);
    expect(stats.trackedSalesOrderLines).toBeGreaterThan(0);
    expect(stats.maxParentsOfAPart).toBeGreaterThan(100);
    expect(file.stock!.some((s) => s.trackingNo)).toBe(true);
    expect(file.stock!.some((s) => s.status === 'inspection')).toBe(true);
    expect(file.purchaseOrders!.length).toBeGreaterThan(0);
    expect(file.taskOrders!.length).toBeGreaterThan(0);
    expect(file.outsourcingOrders!.length).toBeGreaterThan(0);
    expect(file.forecasts!.length).toBeGreaterThan(0);
    const horizonEnd = '2027-02-28';
    for (const so of file.salesOrders!)
      for (const l of so.lines) expect(l.dueDate <= horizonEnd).toBe(true);
  });

  test('plans without errors, with orders of every type', () => {
    const plan = planMrp(mrpInputFromFile(file, 90));
    expect(new Set(plan.plannedOrders.map((o) => o.type))).toEqual(
      new Set(['purchase', 'production', 'outsourcing']),
    );
    expect(plan.plannedOrders.some((o) => o.trackingNo)).toBe(true);
  });

  test('gives exactly the stock lines asked for, fewer or more, still a valid file', () => {
    const small = { items: 1_000, lines: 4_000, levels: 4, demandLines: 100 };
    const mix = mrpFactory(small).file.stock!.length;
    for (const stockLines of [Math.floor(mix / 2), mix * 3]) {
      const { file: f, stats: st } = mrpFactory({ ...small, stockLines });
      expect(f.stock).toHaveLength(stockLines);
      expect(st.stockLines).toBe(stockLines);
      expect(checkFactoryFile(f)).toEqual([]);
      expect(f.stock!.some((l) => l.status === 'inspection')).toBe(true);
    }
  });

  test('is deterministic and does not use Math.random', () => {
    const spy = jest.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random used');
    });
    try {
      const small = { items: 1_000, lines: 4_000, levels: 4, demandLines: 100 };
      const a = mrpFactory({ ...small, seed: 7 });
      expect(JSON.stringify(mrpFactory({ ...small, seed: 7 }).file)).toBe(JSON.stringify(a.file));
      expect(JSON.stringify(mrpFactory({ ...small, seed: 8 }).file)).not.toBe(
        JSON.stringify(a.file),
      );
      expect(structureDepth(a.file)).toBe(4);
      expect(checkFactoryFile(a.file)).toEqual([]);
    } finally {
      spy.mockRestore();
    }
  });
});

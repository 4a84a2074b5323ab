import { jest } from '@jest/globals';
import { zFactoryFile } from '@factory/shared';
import { checkFactoryFile } from '../../functions/src/domain/factoryFile/index.js';
import { syntheticFactory, treeStats } from './bomGenerator.js';

describe('syntheticFactory (bench:bom data)', () => {
  const generated = syntheticFactory();
  const { file, top } = generated;

  test('is a valid factory data file, as an import checks it', () => {
    expect(zFactoryFile.safeParse(file).success).toBe(true);
    expect(checkFactoryFile(file)).toEqual([]);
  });

  test('has a 20,000-item catalogue with a BOM for every made item', () => {
    expect(file.items).toHaveLength(20_000);
    const made = file.items.filter((i) => i.source !== 'purchased').map((i) => i.code);
    expect(new Set(file.boms!.map((b) => b.parent))).toEqual(new Set(made));
    expect(file.items.some((i) => i.source === 'phantom')).toBe(true);
    expect(new Set(file.items.map((i) => `${i.unit}/${i.precision}`))).toEqual(
      new Set(['pcs/0', 'kg/3']),
    );
  });

  test('the top item has exactly 2,000 lines over 10 levels, with phantoms and loss rates', () => {
    expect(treeStats(file, top)).toMatchObject({ lines: 2_000, depth: 10 });
    const topBoms = file.boms!.filter((b) => generated.topAssemblies.has(b.parent));
    const sources = new Map(file.items.map((i) => [i.code, i.source]));
    expect(topBoms.some((b) => sources.get(b.parent) === 'phantom')).toBe(true);
    expect(topBoms.some((b) => b.lines.some((l) => l.lossRate === '0.02'))).toBe(true);
  });

  test('common parts are shared by many parents', () => {
    const users = file.boms!.filter((b) =>
      b.lines.some((l) => l.component === generated.common[0]),
    );
    expect(users.length).toBeGreaterThan(100);
  });

  test('is deterministic and does not use Math.random', () => {
    const spy = jest.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random used');
    });
    try {
      const small = { items: 2_000, topLines: 300, depth: 6 };
      const a = syntheticFactory({ ...small, seed: 7 });
      expect(JSON.stringify(syntheticFactory({ ...small, seed: 7 }).file)).toBe(
        JSON.stringify(a.file),
      );
      expect(JSON.stringify(syntheticFactory({ ...small, seed: 8 }).file)).not.toBe(
        JSON.stringify(a.file),
      );
      expect(treeStats(a.file, a.top)).toMatchObject({ lines: 300, depth: 6 });
      expect(checkFactoryFile(a.file)).toEqual([]);
    } finally {
      spy.mockRestore();
    }
  });
});

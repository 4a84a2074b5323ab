import { anInput, anItem, bom, made } from './builders.js';
import { planMrp } from './engine.js';
import { levelOrder, longestPaths } from './levelOrder.js';
import { engineStructure } from './structure.js';

const codesOf = (codes: string[], order: number[]) => order.map((i) => codes[i]);

describe('levelOrder: the planning order on item indices', () => {
  it('plans by low-level code (the longest path from a root), then by code', () => {
    // 0 A -> 1 B -> 3 D; 0 A -> 3 D; 2 C -> 3 D; 4 E alone.
    const codes = ['A', 'B', 'C', 'D', 'E'];
    const children = [[1, 3], [3], [3], [], []];
    expect(codesOf(codes, levelOrder(codes, children, []))).toEqual(['A', 'C', 'E', 'B', 'D']);
    expect([...longestPaths(children).level]).toEqual([0, 1, 0, 2, 0]);
  });

  it('puts a substitute after the component it stands in for, unless that closes a loop', () => {
    const codes = ['A', 'B', 'S'];
    // S would be planned with B (both level 1); as B's substitute it comes after B.
    expect(codesOf(codes, levelOrder(codes, [[1, 2], [], []], [[1, 2]]))).toEqual(['A', 'B', 'S']);
    // B is S's substitute too: the second edge would close a loop and is left out.
    expect(
      codesOf(
        codes,
        levelOrder(
          codes,
          [[1, 2], [], []],
          [
            [2, 1],
            [1, 2],
          ],
        ),
      ),
    ).toEqual(['A', 'S', 'B']);
  });

  it('says how many nodes it settled: fewer than all on a cycle', () => {
    expect(longestPaths([[1], [2], [1]]).settled).toBe(1);
    expect(longestPaths([[1], [2], []]).settled).toBe(3);
  });

  it('the engine refuses a cycle naming it as the factory file check does', () => {
    const input = anInput({
      items: [made('A'), made('B'), made('C'), anItem('D')],
      boms: new Map([
        ['A', bom([['B', '1']])],
        ['B', bom([['C', '1']])],
        [
          'C',
          bom([
            ['B', '2'],
            ['D', '1'],
          ]),
        ],
      ]),
    });
    expect(() => engineStructure(input)).toThrow('物料清单存在循环：B > C > B');
    expect(() => planMrp(input)).toThrow(expect.objectContaining({ code: 'bom.cycle' }));
  });
});

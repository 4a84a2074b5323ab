import { anInput, anItem, bom } from '../../domain/mrp/builders.js';
import type { PlanningMasterData } from './load.js';
import { getInput, putInput, sameMasterData, type StoredInput } from './inputSnapshot.js';

/** A run's parts in memory, as mrpRepo stores them. */
function parts() {
  const stored = new Map<string, unknown>();
  return {
    stored,
    putParts: async (runId: string, kind: string, value: unknown) => {
      stored.set(`${runId}/${kind}`, JSON.parse(JSON.stringify(value)));
      return 1;
    },
    getParts: async <T>(runId: string, kind: string) => stored.get(`${runId}/${kind}`) as T,
  };
}

const input = (): StoredInput => {
  const i = anInput({
    items: [anItem('FG'), anItem('RM')],
    boms: new Map([['FG', bom([['RM', '2']])]]),
  });
  return { ...i, boms: [...i.boms] };
};

describe('a run’s input snapshot', () => {
  it('is written as its items and BOMs apart from the rest, and read back whole', async () => {
    const repo = parts();
    await putInput(repo, 'R1', input());
    expect([...repo.stored.keys()].sort()).toEqual(['R1/IM', 'R1/IN']);
    expect(await getInput(repo, 'R1')).toEqual(input());
    expect(await getInput(repo, 'R9')).toBeUndefined();
  });

  it('of a run with the same master data refers to the earlier run’s items and BOMs', async () => {
    const repo = parts();
    await putInput(repo, 'R1', input());
    const later = {
      ...input(),
      salesOrders: [{ no: 'SO-1', line: 1, item: 'FG', qty: '3', dueDate: '2026-12-09' }],
    };
    await putInput(repo, 'R2', later, 'R1');
    expect(repo.stored.has('R2/IM')).toBe(false);
    expect(await getInput(repo, 'R2')).toEqual(later);
    // Without the part it refers to, the snapshot is broken: said so, not read as empty.
    repo.stored.delete('R1/IM');
    await expect(getInput(repo, 'R2')).rejects.toThrow('the items and BOMs of run R1 are missing');
  });

  it('written as one part before, is read as it is', async () => {
    const repo = parts();
    await repo.putParts('R0', 'IN', input());
    expect(await getInput(repo, 'R0')).toEqual(input());
  });
});

describe('sameMasterData', () => {
  const master = (leadTimeDays: number, qtyPer = '2'): PlanningMasterData => ({
    items: new Map([
      ['FG', { code: 'FG', leadTimeDays } as never],
      ['RM', { code: 'RM', leadTimeDays: 3 } as never],
    ]),
    boms: new Map([['FG', [{ version: 'V1', lines: [{ component: 'RM', qtyPer }] } as never]]]),
  });

  it('compares the changed items and their BOMs only', () => {
    expect(sameMasterData(master(2), master(2), ['FG'])).toBe(true);
    expect(sameMasterData(master(2), master(5), ['FG'])).toBe(false);
    expect(sameMasterData(master(2), master(2, '3'), ['FG'])).toBe(false);
    // Not marked: not looked at.
    expect(sameMasterData(master(2), master(5), ['RM'])).toBe(true);
  });
});

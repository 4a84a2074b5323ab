import { isDeepStrictEqual } from 'node:util';
import type { MrpInput } from '../../domain/mrp/index.js';
import type { MrpRepo } from '../../store/mrpRepo.js';
import type { PlanningMasterData } from './load.js';
import type { PromisedLine } from './promises.js';

/** A run's input snapshot as stored: the BOM map as its entries. */
export type StoredInput = Omit<MrpInput, 'boms'> & {
  boms: [string, MrpInput['boms'] extends ReadonlyMap<string, infer V> ? V : never][];
  /** The promised lines read with the input (absent in snapshots from before they were). */
  promised?: PromisedLine[];
};

/** The snapshot's items and BOMs, stored apart: most of its size, and seldom changed. */
type MasterPart = Pick<StoredInput, 'items' | 'boms'>;
/** The rest, with the run whose master part holds its items and BOMs. */
type RestPart = Omit<StoredInput, 'items' | 'boms'> & { master: string };

const REST = 'IN';
const MASTER = 'IM';

/**
 * Writes a run's input snapshot. Its items and BOMs go to the run's own master part, unless
 * `masterFrom` names an earlier run whose snapshot has the same ones (a net run after changes
 * that touched no master data): then only the rest is written, pointing there.
 */
export async function putInput(
  repo: Pick<MrpRepo, 'putParts'>,
  runId: string,
  input: StoredInput,
  masterFrom?: string,
): Promise<void> {
  const { items, boms, ...rest } = input;
  if (!masterFrom) await repo.putParts(runId, MASTER, { items, boms } satisfies MasterPart);
  await repo.putParts(runId, REST, { ...rest, master: masterFrom ?? runId } satisfies RestPart);
}

/** A run's input snapshot, or undefined if it has none (snapshots of one part read as well). */
export async function getInput(
  repo: Pick<MrpRepo, 'getParts'>,
  runId: string,
): Promise<StoredInput | undefined> {
  const stored = await repo.getParts<RestPart | StoredInput>(runId, REST);
  if (!stored || !('master' in stored)) return stored;
  const { master: from, ...rest } = stored;
  const master = await repo.getParts<MasterPart>(from, MASTER);
  if (!master) throw new Error(`MRP run ${runId}: the items and BOMs of run ${from} are missing`);
  return { ...rest, ...master };
}

/**
 * Whether master data loaded again for the items in `changed` is what was loaded before: the
 * same item records and BOMs (a sales order marks its item, and changes none of it).
 */
export function sameMasterData(
  before: PlanningMasterData,
  after: PlanningMasterData,
  changed: Iterable<string>,
): boolean {
  for (const code of changed) {
    if (!isDeepStrictEqual(before.items.get(code), after.items.get(code))) return false;
    if (!isDeepStrictEqual(before.boms.get(code), after.boms.get(code))) return false;
  }
  return true;
}

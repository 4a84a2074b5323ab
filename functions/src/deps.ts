import { monotonicFactory } from 'ulid';
import { readConfig, type Config } from './config.js';
import { createDocumentClient, type TableClient } from './store/client.js';
import { tableUnitOfWork } from './store/unitOfWork.js';
import type { Clock, Ports, TablePorts } from './usecases/ports.js';

export type { BlobStore, Clock, Ports, TablePorts, UnitOfWork } from './usecases/ports.js';

export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that starts at `start` and moves on with the process's monotonic time: tests and
 * demos run on a fixed business date whatever the machine's date, while intervals (token
 * lifetimes, leases) still pass as they do in real time.
 */
export function clockStartingAt(start: Date): Clock {
  const origin = performance.now();
  const base = start.getTime();
  return { now: () => new Date(base + Math.floor(performance.now() - origin)) };
}

/**
 * The system clock, unless FACTORY_NOW (an ISO instant) starts the business clock elsewhere:
 * `npm start`, the CLI and tests of a given day.
 */
export function configuredClock(): Clock {
  const at = process.env.FACTORY_NOW;
  if (!at) return systemClock;
  const start = new Date(at);
  if (Number.isNaN(start.getTime())) throw new Error(`FACTORY_NOW is not a date: ${at}`);
  return clockStartingAt(start);
}

/**
 * What a use case may touch: the table (through the store's repositories, committed by the
 * unit of work), the configuration, new ids, and the ports (clock, workflow starter,
 * notifiers, approval documents). Built once per Lambda
 * container (or local process) by `getDeps`, the composition root.
 */
export type Deps = {
  config: Config;
  db: TableClient;
  tableName: string;
  newId: () => string;
} & Ports &
  TablePorts;

/**
 * What an entry point plugs into the ports, given the configuration. Each entry point wires
 * only what its routes need (functions/src/composition/), so an area's bundle carries no
 * other area's adapters; tests/architecture/imports.test.ts checks that every port a use case
 * of the entry's reach uses is wired there.
 */
export type Wiring = (config: Config) => Partial<Ports>;

const wirings: Wiring[] = [];
let overrides: Partial<Ports> = {};
let current: Deps | undefined;
/** The clock when nobody overrides it, made once per deps (FACTORY_NOW starts it once). */
let baseClock: Clock | undefined;

/** Called once by an entry point at load (an area Lambda module, the local runtime). */
export function wire(wiring: Wiring): void {
  wirings.push(wiring);
  if (current) Object.assign(current, portsFor(current.config));
}

/**
 * Replaces ports for tests and the local runtime, above what entry points wired; undefined
 * gives a port back to its wiring.
 */
export function override(ports: { [K in keyof Ports]?: Ports[K] | undefined }): void {
  const merged = Object.entries({ ...overrides, ...ports });
  overrides = Object.fromEntries(merged.filter(([, v]) => v !== undefined)) as Partial<Ports>;
  if (current) Object.assign(current, portsFor(current.config));
}

/** The local runtime runs its handlers on the clock it was given (tests: a fixed date). */
export const useClock = (clock: Clock | undefined) => override({ clock });
/** Tests record approval cards and texts instead of sending them (undefined: WeCom again). */
export const useApprovalNotifier = (n: Ports['approvalNotifier'] | undefined) =>
  override({ approvalNotifier: n });
/** Tests replace the task-order completion notice (undefined: WeCom again). */
export const useCompletionNotifier = (n: Ports['completionNotifier'] | undefined) =>
  override({ completionNotifier: n });
/** The local runtime runs workflows itself (aws-local-stepfunctions). */
export const useWorkflowStarter = (s: Ports['workflows'] | undefined) => override({ workflows: s });
/** The local runtime keeps attachment files in a folder of its own. */
export const useBlobStore = (b: Ports['blobStore'] | undefined) => override({ blobStore: b });

function portsFor(config: Config): Ports {
  const wired = Object.assign({}, ...wirings.map((w) => w(config))) as Partial<Ports>;
  baseClock ??= configuredClock();
  return { ...notWired(), clock: baseClock, ...wired, ...overrides };
}

/** A port nobody wired fails when used, naming itself (the imports test keeps this from AWS). */
function notWired(): Omit<Ports, 'clock'> {
  const fail = (port: string) => () => {
    throw new Error(
      `port ${port} is not wired in this entry point (see functions/src/composition)`,
    );
  };
  const failAsync = (port: string) => async () => fail(port)();
  return {
    workflows: failAsync('workflows'),
    approvalNotifier: {
      send: failAsync('approvalNotifier'),
      update: failAsync('approvalNotifier'),
      tell: failAsync('approvalNotifier'),
    },
    completionNotifier: failAsync('completionNotifier'),
    approvalDocuments: { of: fail('approvalDocuments') },
    apiDocument: failAsync('apiDocument'),
    importJobs: failAsync('importJobs'),
    blobStore: {
      presignUpload: failAsync('blobStore'),
      size: failAsync('blobStore'),
      firstBytes: failAsync('blobStore'),
      remove: failAsync('blobStore'),
      presignDownload: failAsync('blobStore'),
    },
  };
}

export function getDeps(): Deps {
  if (!current) {
    const config = readConfig();
    const db = createDocumentClient(config);
    current = {
      config,
      db,
      tableName: config.tableName,
      unitOfWork: tableUnitOfWork({ db, tableName: config.tableName }),
      newId: monotonicFactory(),
      ...portsFor(config),
    };
  }
  return current;
}

/**
 * The same deps over another table client, its unit of work with it (tests put a client in
 * front of the table that fails at a chosen write).
 */
export function withTableClient(deps: Deps, db: TableClient): Deps {
  return { ...deps, db, unitOfWork: tableUnitOfWork({ db, tableName: deps.tableName }) };
}

/** The local runtime re-reads the environment after it has set it (tests start several). */
export function resetDeps(): void {
  current?.db.destroy();
  current = undefined;
  baseClock = undefined;
}

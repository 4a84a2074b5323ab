import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { zFactoryFile } from '@factory/shared';
import { resetSessionKey } from '../src/auth/secret.js';
import { resetShareKey } from '../src/auth/shareKey.js';
import { resetSigningKey } from '../src/auth/signingKey.js';
import { DEMO_TENANT, DEMO_USERS, demoSession } from '../src/auth/demoUsers.js';
import { readConfig } from '../src/config.js';
import { contractApiDocument } from '../src/composition/contractApiDocument.js';
import { seedDemoSetup } from './demoSetup.js';
import { seedDemoCosting } from './demo/costing.js';
import { inProcessImportJobs } from './importJobs.js';
import { product } from '../src/composition/product.js';
import { getDeps, resetDeps, wire } from '../src/deps.js';
import { areaFile } from '../src/http/entries.js';
import type { RouteHandler } from '../src/middleware/route.js';
import { useLocalDynamoHandler } from '../src/store/client.js';
import { importRepo } from '../src/store/importRepo.js';
import { userRepo } from '../src/store/userRepo.js';
import { DEFAULT_TABLE_NAME } from '../src/store/table.js';
import { importFactoryFile } from '../src/usecases/imports.js';
import { inProcessHandler } from './dynamo/inProcess.js';
import type { Front, TransactionConflictSetting } from './dynamo/front.js';
import { startLocalDynamo } from './dynamo/localDynamo.js';
import { localWorkflows, type LocalWorkflows, type TaskWrapper } from './workflows.js';
import { localBlobs, type LocalBlobs } from './blobs.js';
import { startGateway } from './gateway.js';
import { APP_PREFIX, h5Site } from './miniapp.js';
import {
  configuredClock,
  override,
  useBlobStore,
  useClock,
  useWorkflowStarter,
  type Clock,
  type Deps,
} from '../src/deps.js';
import { resetWecomApps } from '../src/wecom/apps.js';
import { useCallbackDispatcher, type CallbackJob } from '../src/wecom/dispatcher.js';
import { processCallback } from '../src/wecom/processor.js';
import { LOCAL_OUTBOX_POLICY, type OutboxPolicy } from '../src/domain/outbox/index.js';
import { startLocalOutbox, type LocalOutbox } from './outboxWorker.js';
import { ensureTable as ensureCurrentTable } from './tableMigration.js';
import { appsConfig, SECOND_DEMO_TENANT, SECOND_DEMO_USERS } from './wecom/corps.js';
import { startWecomSimulator, type WecomSimServer } from './wecom/server.js';
import type { WecomSimulator } from './wecom/simulator.js';

// The local runtime serves every area in one process: it wires every port of the product
// (workflows then run in process: `useWorkflowStarter` below).
wire(product);
// Area modules the gateway loads wire their AWS adapters: the document shipped beside the
// system bundle (here built from the contracts) and the import worker Lambda (here in process).
override({ ...contractApiDocument(readConfig()), importJobs: inProcessImportJobs });

export const DEMO_FACTORY_FILE = new URL('./demo/factory.json', import.meta.url);

export type RuntimeOptions = {
  /** Folder for persistent data; absent keeps everything in memory (tests). */
  dataDir?: string;
  port?: number;
  dynamoPort?: number;
  host?: string;
  /** Import the demo factory into the demo tenant when it is not there yet. */
  seedDemo?: boolean;
  log?: (line: string) => void;
  /** Tests wrap workflow tasks (to make one fail once, say). */
  wrapTask?: TaskWrapper;
  /** Serve the mini-program's H5 build (miniapp/dist/h5) at /app/ on the gateway. */
  serveMiniapp?: boolean;
  /**
   * The WeCom simulator beside the product (demo corps wwdemo01 and wwdemo02): the product's
   * WeCom base URL and app configuration point at it, and its callback URL is registered
   * (and verified) with it. Off unless given.
   */
  wecom?: WecomRuntimeOptions | false;
  /**
   * The business clock of the handlers and the WeCom simulator (default: the system clock).
   * Tests pass one that starts on a fixed date, so no test depends on the day it runs;
   * FACTORY_NOW (an ISO instant) does the same for `npm start` and the CLI.
   */
  clock?: Clock;
  /**
   * The embedded DynamoDB refuses overlapping transactions with TransactionConflict, as
   * DynamoDB does (off by default; `npm start` reads LOCAL_DYNAMO_TRANSACTION_CONFLICTS).
   */
  transactionConflicts?: TransactionConflictSetting;
  /** Called before each durable write of the store (the crash tests kill the process there). */
  beforeStoreWrite?: (n: number, size: number) => void;
  /** The outbox worker's loop (WeCom messages written with the business changes). */
  outbox?: OutboxRuntimeOptions;
};

export type OutboxRuntimeOptions = {
  /** Retries and lease (default LOCAL_OUTBOX_POLICY: 8 attempts, 1 s doubling to 60 s). */
  policy?: Partial<OutboxPolicy>;
  /** The longest sleep between passes when nothing is due (default 1 s). */
  pollMs?: number;
  /** Start with the worker paused: messages wait in the outbox (a process that dies first). */
  paused?: boolean;
};

export type WecomRuntimeOptions = {
  port?: number;
  /** Token lifetime the simulator hands out (default 7200 s). */
  tokenTtlSeconds?: number;
  /** Tests replace what processing an acked callback does (default: processCallback). */
  process?: (deps: Deps, job: CallbackJob) => Promise<unknown>;
};

export type LocalWecom = {
  url: string;
  sim: WecomSimulator;
  /**
   * Resolves when every callback acked so far has been processed and every WeCom message
   * written to the outbox so far (by requests or by those callbacks) delivered or failed.
   */
  idle(): Promise<void>;
};

export type Runtime = {
  url: string;
  /** The mini-program (H5) when served: `${url}/app/`. */
  appUrl?: string;
  dynamoEndpoint: string;
  workflows: LocalWorkflows;
  /** The clock the handlers run on. */
  clock: Clock;
  /** Present when started with `wecom`. */
  wecom?: LocalWecom;
  /** The embedded DynamoDB's switches and counters. */
  store: Pick<Front, 'setTransactionConflicts' | 'stats'>;
  /** The outbox worker: `idle()` waits until every message written so far is delivered or failed. */
  outbox: LocalOutbox;
  /** Attachment files: `<dataDir>/attachments` (a temporary folder without a data folder). */
  blobs: Pick<LocalBlobs, 'dir' | 'uploadFields'>;
  close(): Promise<void>;
};

/**
 * The whole product on this machine: embedded DynamoDB (dynalite + transactions front), the
 * table from the one table definition, and the local API gateway over the Lambda handlers.
 * One runtime per process: handlers read their configuration from the environment.
 */
export async function startRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => undefined);
  const clock = options.clock ?? configuredClock();
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });

  const dynamo = await startLocalDynamo({
    ...(options.dataDir ? { path: join(options.dataDir, 'dynamodb') } : {}),
    port: options.dynamoPort ?? 0,
    host,
    transactionConflicts: options.transactionConflicts,
    ...(options.beforeStoreWrite ? { beforeWrite: options.beforeStoreWrite } : {}),
  });

  let simServer: WecomSimServer | undefined;
  const wecomOptions = options.wecom || undefined;
  if (wecomOptions) {
    simServer = await startWecomSimulator({
      port: wecomOptions.port ?? 0,
      host,
      now: () => clock.now().getTime(),
      ...(wecomOptions.tokenTtlSeconds ? { tokenTtlSeconds: wecomOptions.tokenTtlSeconds } : {}),
    });
    Object.assign(process.env, {
      WECOM_BASE_URL: simServer.url,
      WECOM_APPS: JSON.stringify(appsConfig([...simServer.sim.corps.values()])),
      WECOM_DEFAULT_CORP_ID: DEMO_TENANT,
    });
  } else {
    for (const name of ['WECOM_BASE_URL', 'WECOM_APPS', 'WECOM_DEFAULT_CORP_ID']) {
      delete process.env[name];
    }
  }
  resetWecomApps();
  // Callbacks are processed in this process, after the gateway has answered WeCom.
  const processing = new Set<Promise<unknown>>();
  const processJob = wecomOptions?.process ?? processCallback;
  useCallbackDispatcher(async (job) => {
    const run = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => processJob(getDeps(), job))
      .catch((err: unknown) => log(`wecom callback processing failed: ${String(err)}`))
      .finally(() => processing.delete(run));
    processing.add(run);
  });
  const wecomIdle = async () => {
    while (processing.size) await Promise.all([...processing]);
  };

  Object.assign(process.env, {
    STAGE: 'local',
    TABLE_NAME: DEFAULT_TABLE_NAME,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    AWS_REGION: process.env.AWS_REGION ?? 'cn-north-1',
    SESSION_SECRET: sessionSecret(options.dataDir),
  });
  useLocalDynamoHandler(inProcessHandler(dynamo.front));
  // Attachment files in a folder, behind the gateway's stand-in for S3's presigned URLs.
  let gatewayUrl = '';
  const blobsDir = options.dataDir
    ? join(options.dataDir, 'attachments')
    : mkdtempSync(join(tmpdir(), 'factory-attachments-'));
  const blobs = localBlobs({
    dir: blobsDir,
    secret: createHash('sha256').update(`attachments\n${process.env.SESSION_SECRET}`).digest('hex'),
    now: () => clock.now(),
    baseUrl: () => gatewayUrl,
  });
  useBlobStore(blobs.store);
  const workflows = localWorkflows({ ...(options.wrapTask ? { wrap: options.wrapTask } : {}) });
  useWorkflowStarter(workflows.start);
  resetDeps();
  useClock(clock);
  resetSessionKey();
  resetSigningKey();
  resetShareKey();

  try {
    await ensureTable(dynamo.endpoint, DEFAULT_TABLE_NAME, log);
    if (options.seedDemo) await seedDemoFactory(log);
    if (options.seedDemo && simServer) await seedSecondCorpUsers();
  } catch (err) {
    await dynamo.close();
    await simServer?.close();
    throw err;
  }

  const gateway = await startGateway({
    port: options.port ?? 0,
    host,
    sites: [
      blobs.site,
      ...(options.serveMiniapp
        ? [
            h5Site({
              config: () => ({
                apiBaseUrl: '',
                ...(simServer ? { simulatorUrl: simServer.url } : {}),
                corpid: DEMO_TENANT,
                demoUsers: DEMO_USERS.map((u) => ({ userid: u.user, name: u.name ?? u.user })),
              }),
            }),
          ]
        : []),
    ],
    loadArea: async (area: string) => {
      const mod = (await import(areaFile(area))) as { handler: RouteHandler };
      return mod.handler;
    },
  });

  gatewayUrl = gateway.url;

  // Delivers the WeCom messages the handlers put in the outbox (in AWS: the outbox Lambda).
  const outbox = startLocalOutbox(getDeps, {
    policy: { ...LOCAL_OUTBOX_POLICY, ...options.outbox?.policy },
    ...(options.outbox?.pollMs !== undefined ? { pollMs: options.outbox.pollMs } : {}),
    ...(options.outbox?.paused ? { paused: true } : {}),
    log,
  });

  if (simServer) {
    // As in the WeCom console: saving the callback URL verifies it (GET with an echostr).
    for (const corpid of simServer.sim.corps.keys()) {
      const registered = await simServer.sim.setCallbackUrl(
        corpid,
        `${gateway.url}/wecom/callback`,
      );
      if (!registered.ok) {
        await outbox.stop();
        await gateway.close();
        await simServer.close();
        await dynamo.close();
        throw new Error(`WeCom simulator: callback URL of ${corpid}: ${registered.detail}`);
      }
    }
  }

  return {
    url: gateway.url,
    ...(options.serveMiniapp ? { appUrl: `${gateway.url}${APP_PREFIX}/` } : {}),
    dynamoEndpoint: dynamo.endpoint,
    workflows,
    clock,
    ...(simServer
      ? {
          wecom: {
            url: simServer.url,
            sim: simServer.sim,
            idle: async () => {
              await wecomIdle();
              await outbox.idle();
            },
          },
        }
      : {}),
    store: {
      setTransactionConflicts: (setting) => dynamo.front.setTransactionConflicts(setting),
      stats: () => dynamo.front.stats(),
    },
    outbox,
    blobs: { dir: blobs.dir, uploadFields: blobs.uploadFields },
    async close() {
      await gateway.close();
      // No new passes; closing the simulator cuts a delivery it holds back (a slow WeCom).
      const stopping = outbox.stop();
      await simServer?.close();
      await stopping;
      await wecomIdle();
      useCallbackDispatcher(undefined);
      await workflows.idle();
      useWorkflowStarter(undefined);
      resetDeps();
      useClock(undefined);
      useBlobStore(undefined);
      if (!options.dataDir) rmSync(blobsDir, { recursive: true, force: true });
      useLocalDynamoHandler(undefined);
      await dynamo.close();
    },
  };
}

/**
 * The secret the runtime's session key pair (ES256) and share-link key are derived from
 * (auth/tokens.ts, sessionKeyPair): generated at the first start; a persistent runtime keeps
 * it, so tokens survive a restart.
 */
function sessionSecret(dataDir: string | undefined): string {
  if (!dataDir) return randomBytes(32).toString('hex');
  const file = join(dataDir, 'session-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/** The table from the one definition; an older local table is rebuilt with its new indexes. */
async function ensureTable(
  endpoint: string,
  tableName: string,
  log: (line: string) => void,
): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'cn-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    await ensureCurrentTable(client, tableName, log);
  } finally {
    client.destroy();
  }
}

/** The second demo corp's product users (the simulator's wwdemo02 members). */
async function seedSecondCorpUsers(): Promise<void> {
  const users = userRepo(getDeps(), SECOND_DEMO_TENANT);
  for (const u of SECOND_DEMO_USERS) {
    await users.putIfAbsent({ userid: u.user, name: u.name, roles: [...u.roles], active: true });
  }
}

async function seedDemoFactory(log: (line: string) => void): Promise<void> {
  const deps = getDeps();
  const users = userRepo(deps, DEMO_TENANT);
  for (const u of DEMO_USERS)
    await users.putIfAbsent({
      userid: u.user,
      name: u.name ?? u.user,
      roles: [...u.roles],
      active: true,
    });
  const meta = await importRepo(deps, DEMO_TENANT).getMeta();
  if (meta?.demoImportId) return;
  const file = zFactoryFile.parse(JSON.parse(readFileSync(DEMO_FACTORY_FILE, 'utf8')));
  const summary = await importFactoryFile(deps, demoSession('admin')!, file);
  await seedDemoSetup(deps, demoSession('admin')!);
  await seedDemoCosting(deps, demoSession('admin')!, file);
  await importRepo(deps, DEMO_TENANT).setMeta({ demoImportId: summary.importId });
  log(`demo factory imported into tenant ${DEMO_TENANT}: ${JSON.stringify(summary.counts)}`);
}

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type RouteContract, zFactoryFile } from '@factory/shared';
import { resetSessionKey } from '../src/auth/secret.js';
import { DEMO_TENANT, DEMO_USERS, demoSession } from '../src/auth/demoUsers.js';
import { getDeps, resetDeps } from '../src/deps.js';
import { handlerFile } from '../src/http/entries.js';
import type { RouteHandler } from '../src/middleware/route.js';
import { useLocalDynamoHandler } from '../src/store/client.js';
import { importRepo } from '../src/store/importRepo.js';
import { userRepo } from '../src/store/userRepo.js';
import { createTableInput, DEFAULT_TABLE_NAME } from '../src/store/table.js';
import { importFactoryFile } from '../src/usecases/imports.js';
import { inProcessHandler } from './dynamo/inProcess.js';
import { startLocalDynamo } from './dynamo/localDynamo.js';
import { localWorkflows, type LocalWorkflows, type TaskWrapper } from './workflows.js';
import { useWorkflowStarter } from '../src/workflows/starter.js';
import { startGateway } from './gateway.js';
import { APP_PREFIX, h5Site } from './miniapp.js';

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
};

export type Runtime = {
  url: string;
  /** The mini-program (H5) when served: `${url}/app/`. */
  appUrl?: string;
  dynamoEndpoint: string;
  workflows: LocalWorkflows;
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
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });

  const dynamo = await startLocalDynamo({
    ...(options.dataDir ? { path: join(options.dataDir, 'dynamodb') } : {}),
    port: options.dynamoPort ?? 0,
    host,
  });

  Object.assign(process.env, {
    STAGE: 'local',
    TABLE_NAME: DEFAULT_TABLE_NAME,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    AWS_REGION: process.env.AWS_REGION ?? 'cn-north-1',
    SESSION_SECRET: sessionSecret(options.dataDir),
  });
  useLocalDynamoHandler(inProcessHandler(dynamo.front));
  const workflows = localWorkflows({ ...(options.wrapTask ? { wrap: options.wrapTask } : {}) });
  useWorkflowStarter(workflows.start);
  resetDeps();
  resetSessionKey();

  try {
    await ensureTable(dynamo.endpoint, DEFAULT_TABLE_NAME);
    if (options.seedDemo) await seedDemoFactory(log);
  } catch (err) {
    await dynamo.close();
    throw err;
  }

  const gateway = await startGateway({
    port: options.port ?? 0,
    host,
    sites: options.serveMiniapp
      ? [
          h5Site({
            config: () => ({
              apiBaseUrl: '',
              simulatorUrl: '',
              corpid: DEMO_TENANT,
              demoUsers: DEMO_USERS.map((u) => ({ userid: u.user, name: u.name ?? u.user })),
            }),
          }),
        ]
      : [],
    loadHandler: async (route: RouteContract) => {
      const mod = (await import(handlerFile(route.id))) as { handler: RouteHandler };
      return mod.handler;
    },
  });

  return {
    url: gateway.url,
    ...(options.serveMiniapp ? { appUrl: `${gateway.url}${APP_PREFIX}/` } : {}),
    dynamoEndpoint: dynamo.endpoint,
    workflows,
    async close() {
      await gateway.close();
      await workflows.idle();
      useWorkflowStarter(undefined);
      resetDeps();
      useLocalDynamoHandler(undefined);
      await dynamo.close();
    },
  };
}

/** A persistent runtime keeps its signing key, so tokens survive a restart. */
function sessionSecret(dataDir: string | undefined): string {
  if (!dataDir) return randomBytes(32).toString('hex');
  const file = join(dataDir, 'session-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

async function ensureTable(endpoint: string, tableName: string): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'cn-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    try {
      await client.send(new DescribeTableCommand({ TableName: tableName }));
      return;
    } catch (err) {
      if ((err as { name?: string }).name !== 'ResourceNotFoundException') throw err;
    }
    await client.send(new CreateTableCommand(createTableInput(tableName)));
    for (let i = 0; i < 100; i++) {
      const res = await client.send(new DescribeTableCommand({ TableName: tableName }));
      if (res.Table?.TableStatus === 'ACTIVE') return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`table ${tableName} did not become active`);
  } finally {
    client.destroy();
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
  await importRepo(deps, DEMO_TENANT).setMeta({ demoImportId: summary.importId });
  log(`demo factory imported into tenant ${DEMO_TENANT}: ${JSON.stringify(summary.counts)}`);
}

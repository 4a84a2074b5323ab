import { join } from 'node:path';
import { ESLint } from 'eslint';
import { REPO } from './importGraph.js';

/**
 * The layer fences (eslint.fences.js) refuse a change that breaks them: each snippet is linted
 * as if it were a file at the given path, with the project's own ESLint configuration.
 */
const eslint = new ESLint({ cwd: REPO });

async function fenceErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(REPO, path) });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

const refused: [string, string, string][] = [
  // The domain is pure.
  [
    'domain imports the store',
    'functions/src/domain/bom/probe.ts',
    "import { keys } from '../../store/keys.js';\nexport const k = keys;",
  ],
  [
    'domain imports a use case',
    'functions/src/domain/mrp/probe.ts',
    "import { startRun } from '../../usecases/mrp/run.js';\nexport const r = startRun;",
  ],
  [
    'domain takes a type from the composition root',
    'functions/src/domain/issue/probe.ts',
    "import type { Deps } from '../../deps.js';\nexport type D = Deps;",
  ],
  [
    'domain imports the AWS SDK',
    'functions/src/domain/inventory/probe.ts',
    "import { GetCommand } from '@aws-sdk/lib-dynamodb';\nexport const g = GetCommand;",
  ],
  [
    'domain does I/O',
    'functions/src/domain/factoryFile/probe.ts',
    "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;",
  ],
  [
    'domain does I/O (bare built-in)',
    'functions/src/domain/factoryFile/probe.ts',
    "import { readFileSync } from 'fs';\nexport const r = readFileSync;",
  ],
  [
    'domain reads the clock',
    'functions/src/domain/mrp/probe.ts',
    'export const today = () => new Date();',
  ],
  [
    'domain reads the clock (Date.now)',
    'functions/src/domain/mrp/probe.ts',
    'export const at = () => Date.now();',
  ],
  [
    'domain reads the environment',
    'functions/src/domain/mrp/probe.ts',
    'export const stage = () => process.env.STAGE;',
  ],
  // HTTP handlers go through use cases.
  [
    'a route handler imports the store',
    'functions/src/http/items/probe.ts',
    "import { masterDataRepo } from '../../store/masterDataRepo.js';\nexport const r = masterDataRepo;",
  ],
  [
    'the router imports the store',
    'functions/src/http/probe.ts',
    "import { keys } from '../store/keys.js';\nexport const k = keys;",
  ],
  [
    'a route handler imports the domain',
    'functions/src/http/boms/probe.ts',
    "import { explode } from '../../domain/bom/index.js';\nexport const e = explode;",
  ],
  [
    'a callback route imports the store',
    'functions/src/http/wecom/probe.ts',
    "import { wecomCallbackRepo } from '../../store/wecomCallbackRepo.js';\nexport const r = wecomCallbackRepo;",
  ],
  // Nothing but the store (and adapters/aws for other services) imports the SDK.
  [
    'a use case imports the DynamoDB SDK',
    'functions/src/usecases/mrp/probe.ts',
    "import { GetCommand } from '@aws-sdk/lib-dynamodb';\nexport const g = GetCommand;",
  ],
  [
    'a use case loads an SDK client on demand',
    'functions/src/usecases/probe.ts',
    "export const sfn = () => import('@aws-sdk/client-sfn');",
  ],
  [
    'the WeCom client imports the DynamoDB SDK',
    'functions/src/wecom/probe.ts',
    "import { PutCommand } from '@aws-sdk/lib-dynamodb';\nexport const p = PutCommand;",
  ],
  [
    'the middleware imports the SDK',
    'functions/src/middleware/probe.ts',
    "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const c = DynamoDBClient;",
  ],
  [
    'the composition root imports the SDK',
    'functions/src/deps.ts',
    "import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';\nexport type C = DynamoDBDocumentClient;",
  ],
  [
    'an AWS adapter imports the DynamoDB SDK',
    'functions/src/adapters/aws/probe.ts',
    "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const c = DynamoDBClient;",
  ],
  [
    'a workflow task imports the store',
    'functions/src/workflows/mrp/probe.ts',
    "import { mrpRepo } from '../../store/mrpRepo.js';\nexport const r = mrpRepo;",
  ],
  // Use cases are reached by entry points, never the other way.
  [
    'a use case imports the HTTP layer',
    'functions/src/usecases/bom/probe.ts',
    "import { areaRouter } from '../../http/router.js';\nexport const r = areaRouter;",
  ],
  [
    'a use case imports the workflow starter',
    'functions/src/usecases/mrp/probe.ts',
    "import { stepFunctionsStarter } from '../../workflows/starter.js';\nexport const s = stepFunctionsStarter;",
  ],
  [
    'a use case imports the composition',
    'functions/src/usecases/approval/probe.ts',
    "import { approvals } from '../../composition/approvals.js';\nexport const a = approvals;",
  ],
  [
    'a use case takes deps from the composition root',
    'functions/src/usecases/probe.ts',
    "import { getDeps } from '../deps.js';\nexport const d = getDeps;",
  ],
  [
    'a use case reads the clock',
    'functions/src/usecases/sales/probe.ts',
    'export const now = () => new Date();',
  ],
  [
    'a use case sends its own transaction',
    'functions/src/usecases/bom/probe.ts',
    "import { transactWrite } from '../../store/transact.js';\nexport const t = transactWrite;",
  ],
  [
    'a use case applies chunks itself',
    'functions/src/usecases/probe.ts',
    "import { reversibleApply } from '../store/reversible.js';\nexport const r = reversibleApply;",
  ],
  [
    'the store imports a use case',
    'functions/src/store/probe.ts',
    "import { getApproval } from '../usecases/approval/index.js';\nexport const g = getApproval;",
  ],
  [
    'product code imports the local runtime',
    'functions/src/usecases/probe.ts',
    "import { startRuntime } from '../../local/runtime.js';\nexport const s = startRuntime;",
  ],
  // shared is imported by the functions and the mini-program, never the other way.
  [
    'shared imports the functions',
    'shared/src/contracts/probe.ts',
    "import { keys } from '../../../functions/src/store/keys.js';\nexport const k = keys;",
  ],
  [
    'shared imports the AWS SDK',
    'shared/src/probe.ts',
    "import { GetCommand } from '@aws-sdk/lib-dynamodb';\nexport const g = GetCommand;",
  ],
  [
    'shared imports Taro',
    'shared/src/probe.ts',
    "import Taro from '@tarojs/taro';\nexport const t = Taro;",
  ],
];

const allowed: [string, string, string][] = [
  [
    'domain imports the domain and shared',
    'functions/src/domain/mrp/probe.ts',
    "import { addQty } from '@factory/shared';\nimport { addDays } from '../bom/index.js';\nexport const f = [addQty, addDays];",
  ],
  [
    'a route handler calls a use case through the middleware',
    'functions/src/http/items/probe.ts',
    "import { httpRoute } from '../../middleware/route.js';\nimport { items } from '../../usecases/masterData.js';\nexport const f = [httpRoute, items];",
  ],
  [
    'a use case uses the store, the domain and deps types',
    'functions/src/usecases/sales/probe.ts',
    "import type { Deps } from '../../deps.js';\nimport { salesOrderRepo } from '../../store/salesOrderRepo.js';\nimport { balanceId } from '../../domain/inventory/index.js';\nexport const f = (deps: Deps) => [deps.clock.now(), salesOrderRepo, balanceId];",
  ],
  [
    'a use case builds transaction items and commits them through the unit of work',
    'functions/src/usecases/bom/probe.ts',
    "import type { Deps } from '../../deps.js';\nimport type { TxItem } from '../../store/transact.js';\nimport { created } from '../../store/reversible.js';\nexport const f = (deps: Deps, items: TxItem[]) => [deps.unitOfWork.commit(items), created];",
  ],
  [
    'the store imports the DynamoDB SDK',
    'functions/src/store/probe.ts',
    "import { GetCommand } from '@aws-sdk/lib-dynamodb';\nexport const g = GetCommand;",
  ],
  [
    'an AWS adapter loads its SDK client',
    'functions/src/adapters/aws/probe.ts',
    "export const sfn = () => import('@aws-sdk/client-sfn');",
  ],
  [
    'a callback route uses the WeCom module',
    'functions/src/http/wecom/probe.ts',
    "import { receiveCallback } from '../../wecom/callback.js';\nexport const r = receiveCallback;",
  ],
  [
    'an area Lambda wires its ports',
    'functions/src/lambdas/probe.ts',
    "import { wire } from '../deps.js';\nimport { approvals } from '../composition/approvals.js';\nwire(approvals);",
  ],
  [
    'a test beside the domain reads a fixture',
    'functions/src/domain/mrp/probe.test.ts',
    "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;",
  ],
];

describe('layer fences', () => {
  it.each(refused)('refuses: %s', async (_what, path, code) => {
    const errors = await fenceErrors(path, code);
    expect(errors).toEqual([expect.stringContaining('Layer fence')]);
  });

  it.each(allowed)('allows: %s', async (_what, path, code) => {
    expect(await fenceErrors(path, code)).toEqual([]);
  });
});

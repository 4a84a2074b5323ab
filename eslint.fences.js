// Layer fences of the backend (docs/architecture.md, "Layers and fences"), enforced with
// @typescript-eslint/no-restricted-imports like the mini-program's. A layer is a folder of
// functions/src; its fence says which other layers it may import (the rest are refused), and
// which packages it may not. Relative imports are matched by where they lead: a file n folders
// below functions/src reaches a layer through exactly n `../`, so the config is generated per
// depth and names the layer an import really lands in. tests/architecture/fences.test.ts
// lints snippets against these rules.
import { builtinModules } from 'node:module';

const SRC = 'functions/src';
/** Deep enough for every file under functions/src (today at most 2 folders below a layer). */
const MAX_DEPTH = 6;

export const LAYERS = [
  'domain',
  'usecases',
  'store',
  'http',
  'middleware',
  'wecom',
  'workflows',
  'cli',
  'adapters',
  'auth',
  'lambdas',
  'composition',
];

const AWS_SDK = { regex: '^@(aws-sdk|smithy)/', what: 'AWS SDK' };
const DYNAMO_SDK = {
  regex: '^@aws-sdk/(client-dynamodb|lib-dynamodb|util-dynamodb)$|^@smithy/',
  what: 'DynamoDB SDK',
};
const NODE_BUILTINS = {
  regex: `^(node:.*|(${builtinModules.filter((m) => !m.startsWith('_')).join('|')})(/.*)?)$`,
  what: 'Node built-ins (I/O)',
};
const TARO = { regex: '^@tarojs/', what: 'Taro' };
const HTTP_FRAMEWORK = {
  regex: '^(@middy/.*|aws-lambda)$',
  what: 'HTTP framework (middy, aws-lambda)',
};

/**
 * Each layer's fence. `may`: the other layers it may import (values and types); `types`:
 * layers it may take types from only; `root`: how it may use the modules at functions/src
 * (deps.ts, the composition root, and config.ts): 'none', 'types' or (absent) anything;
 * `local`: whether it may import functions/local; `packages`: npm packages it may not import;
 * `nodeBuiltins`: refuses Node's built-ins; `clock`: refuses reading the machine's time
 * ('business': new Date(), Date.now(), process.env; 'all': also performance and process);
 * `sdk`: may load the AWS SDK with a dynamic import; `commits`: commits through the unit of
 * work only (the store's transaction functions are refused).
 */
export const FENCES = {
  domain: {
    why: 'the domain is pure: it imports only the domain and @factory/shared',
    may: [],
    root: { deps: 'none', config: 'none' },
    packages: [AWS_SDK, HTTP_FRAMEWORK, TARO],
    nodeBuiltins: true,
    clock: 'all',
  },
  usecases: {
    why: 'use cases reach the table through the store and the world through ports in deps',
    may: ['domain', 'store', 'adapters', 'auth', 'wecom'],
    root: { deps: 'types', config: 'types' },
    packages: [AWS_SDK, HTTP_FRAMEWORK, TARO],
    clock: 'business',
    // Writes are committed through the unit of work (deps.unitOfWork), never sent here.
    commits: true,
  },
  store: {
    why: 'the store is the only layer that talks to the table; it serves the use cases',
    may: ['domain'],
    // The WeCom token store implements the WeCom client's TokenStore port.
    types: ['wecom'],
    root: { deps: 'types' },
    packages: [HTTP_FRAMEWORK, TARO],
    sdk: true,
  },
  http: {
    why: 'handlers are thin: they call use cases through the middleware, never the store',
    may: ['usecases', 'middleware'],
    root: { deps: 'types', config: 'types' },
    packages: [AWS_SDK, TARO],
  },
  // The WeCom callback routes hand the raw request to the WeCom module (verify, de-duplicate,
  // dispatch), which is their use case.
  'http/wecom': {
    why: 'the callback routes call the WeCom module through the middleware, never the store',
    may: ['usecases', 'middleware', 'wecom'],
    root: { deps: 'types', config: 'types' },
    packages: [AWS_SDK, TARO],
  },
  middleware: {
    why: 'the middleware wraps handlers (auth, idempotency through the store, errors)',
    may: ['usecases', 'store', 'auth'],
    packages: [AWS_SDK, TARO],
  },
  wecom: {
    why: 'the WeCom client reaches the table through the store and AWS through adapters',
    // The callback processor (and its Lambda, an entry point) drives the approval engine.
    may: ['domain', 'usecases', 'store', 'adapters', 'composition'],
    packages: [AWS_SDK, HTTP_FRAMEWORK, TARO],
  },
  workflows: {
    why: 'workflow tasks are thin: they call use cases',
    may: ['usecases', 'adapters'],
    packages: [AWS_SDK, HTTP_FRAMEWORK, TARO],
  },
  cli: {
    why: 'the CLI drives use cases and the local runtime',
    may: ['domain', 'usecases', 'auth'],
    local: true,
    packages: [AWS_SDK, TARO],
  },
  adapters: {
    why: 'adapters wrap outside libraries and services (not the table) for the other layers',
    may: [],
    root: { deps: 'none', config: 'types' },
    packages: [AWS_SDK, HTTP_FRAMEWORK, TARO],
  },
  // AWS services other than the table (Secrets Manager, Lambda, Step Functions).
  'adapters/aws': {
    why: 'adapters/aws wraps the AWS services that are not the table; the table is the store',
    may: [],
    root: { deps: 'none', config: 'types' },
    packages: [DYNAMO_SDK, HTTP_FRAMEWORK, TARO],
    sdk: true,
  },
  auth: {
    why: 'auth signs and checks session tokens; secrets come through an adapter',
    may: ['adapters'],
    root: { deps: 'types' },
    packages: [AWS_SDK, HTTP_FRAMEWORK, TARO],
  },
  lambdas: {
    why: 'an area Lambda is a router over its handlers and wires its ports (composition)',
    may: ['http', 'composition'],
    packages: [AWS_SDK, TARO],
  },
  composition: {
    why: 'composition wires adapters into the use cases’ ports for the entry points',
    may: ['usecases', 'workflows', 'wecom', 'adapters', 'store'],
    root: { deps: 'types' },
    packages: [AWS_SDK, HTTP_FRAMEWORK, TARO],
  },
};

const up = (n) => '\\.\\./'.repeat(n);
const layerOf = (dir) => dir.split('/')[0];

function pathPatterns(dir, fence, depth, test) {
  const refused = LAYERS.filter((l) => l !== layerOf(dir) && !fence.may.includes(l));
  const typesOnly = refused.filter((l) => fence.types?.includes(l));
  const out = [];
  const layers = (list, extra) => ({
    regex: `^${up(depth)}(${list.join('|')})/`,
    message: `Layer fence: ${fence.why}.`,
    ...extra,
  });
  const values = refused.filter((l) => !typesOnly.includes(l));
  if (values.length) out.push(layers(values));
  if (typesOnly.length) out.push(layers(typesOnly, { allowTypeImports: true }));
  for (const [mod, use] of Object.entries(fence.root ?? {})) {
    out.push({
      regex: `^${up(depth)}${mod}\\.js$`,
      message:
        mod === 'deps'
          ? `Layer fence: functions/src/deps.ts is the composition root; ${
              use === 'none'
                ? 'this layer does not use it'
                : 'this layer takes its types only (the entry point passes deps in)'
            }.`
          : `Layer fence: ${use === 'none' ? 'no configuration here' : 'configuration comes in through deps.config (types only)'}.`,
      ...(use === 'types' ? { allowTypeImports: true } : {}),
    });
  }
  if (fence.commits) {
    out.push({
      regex: '/store/(transact|reversible)\\.js$',
      importNames: ['transactWrite', 'reversibleApply'],
      message:
        'Layer fence: a use case commits through the unit of work (deps.unitOfWork), not the store’s transaction functions.',
    });
  }
  // Tests beside the code may use the local runtime's helpers (the WeCom simulator's crypto).
  if (!fence.local && !test) {
    out.push({
      regex: `^${up(depth + 1)}local/`,
      message:
        'Layer fence: functions/local is the local runtime; product code does not import it.',
    });
  }
  return out;
}

function packagePatterns(packages, why) {
  return packages.map((p) => ({
    regex: p.regex,
    message: `Layer fence: no ${p.what} here (${why}).`,
  }));
}

/** The zod rule of the base config: every no-restricted-syntax list repeats it. */
export const ZOD_SYNTAX = {
  selector:
    "ImportDeclaration[source.value='zod'][importKind!='type'] > ImportSpecifier[imported.name='z']",
  message: "Use `import * as z from 'zod'` (tree-shakes); types: `import type { z }`.",
};

// no-restricted-imports does not see `await import('@aws-sdk/...')`.
const SDK_DYNAMIC_IMPORT = {
  selector: 'ImportExpression > Literal[value=/^@(aws-sdk|smithy)\\u002F/]',
  message:
    'Layer fence: the AWS SDK is imported only in functions/src/store (the table) and functions/src/adapters/aws (other AWS services).',
};

const MACHINE_TIME = [
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: 'Layer fence: business time comes from the clock passed in (deps.clock).',
  },
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: 'Layer fence: business time comes from the clock passed in (deps.clock).',
  },
];
const CLOCK = {
  business: [
    ...MACHINE_TIME,
    {
      selector: "MemberExpression[object.name='process'][property.name='env']",
      message: 'Layer fence: configuration comes in through deps.config.',
    },
  ],
  all: [
    ...MACHINE_TIME,
    {
      selector: "MemberExpression[object.name='performance']",
      message: 'Layer fence: the domain is pure: no clock (the time is passed in).',
    },
    {
      selector: "MemberExpression[object.name='process']",
      message: 'Layer fence: the domain is pure: no process, no environment.',
    },
  ],
};

/** Flat-config blocks for every layer at every depth, functions/src/*.ts and shared/. */
export function fenceConfigs() {
  const blocks = [];
  // A more specific folder ('http/wecom') comes after its layer, so its blocks win.
  for (const [dir, fence] of Object.entries(FENCES)) {
    const base = dir.split('/').length;
    for (let depth = base; depth <= MAX_DEPTH; depth++) {
      const files = [`${SRC}/${dir}/${'*/'.repeat(depth - base)}*.ts`];
      const rules = (test) => ({
        '@typescript-eslint/no-restricted-imports': [
          'error',
          {
            patterns: [
              ...pathPatterns(dir, fence, depth, test),
              ...packagePatterns(fence.packages, fence.why),
              ...(fence.nodeBuiltins && !test ? packagePatterns([NODE_BUILTINS], fence.why) : []),
            ],
          },
        ],
        'no-restricted-syntax': [
          'error',
          ZOD_SYNTAX,
          ...(fence.clock && !test ? CLOCK[fence.clock] : []),
          ...(fence.sdk ? [] : [SDK_DYNAMIC_IMPORT]),
        ],
      });
      // Tests beside the code keep the layer fences; they may read fixtures from disk, spawn
      // a process and use the local runtime's helpers.
      blocks.push({ files, ignores: ['**/*.test.ts'], rules: rules(false) });
      blocks.push({ files: files.map((f) => f.replace(/\.ts$/, '.test.ts')), rules: rules(true) });
    }
  }
  // functions/src/*.ts: the composition root (deps.ts) and the configuration.
  blocks.push({
    files: [`${SRC}/*.ts`],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...packagePatterns([AWS_SDK], 'the table client comes from the store'),
            {
              regex: '^\\.\\./local/',
              message: 'Layer fence: product code does not import functions/local.',
            },
          ],
        },
      ],
      'no-restricted-syntax': ['error', ZOD_SYNTAX, SDK_DYNAMIC_IMPORT],
    },
  });
  // shared/: contracts and value types for the functions and the mini-program.
  blocks.push({
    files: ['shared/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)(functions|miniapp|infra)/',
              message:
                'Layer fence: shared is imported by the functions and the mini-program, never the other way.',
            },
            ...packagePatterns(
              [AWS_SDK, TARO, HTTP_FRAMEWORK, NODE_BUILTINS],
              'shared holds contracts and value types: no SDK, no Taro, no I/O',
            ),
          ],
        },
      ],
      'no-restricted-syntax': ['error', ZOD_SYNTAX, ...CLOCK.all],
    },
  });
  return blocks;
}

import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { RUNTIME_PROVIDED_MODULES } from './nodeFunction.js';

/**
 * Least privilege (issue 19, point 5), derived from the code rather than kept by hand: what a
 * function may do is what the modules bundled into it do. For each function's entry the same
 * esbuild bundle CDK makes is built once more: its code shows the DynamoDB requests it makes
 * (DYNAMO_PATTERNS), its metafile the modules keeping code in it (tree-shaking counted), and
 * so the secrets it reads (SECRET_MODULES). A new repository call or a new import of a key module changes the
 * role at the next synth; nothing to remember.
 */

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Patterns of the minified bundle -> the IAM action they need. The SDK is external, so a
 * command class is imported by name only when code using it survived tree-shaking; object keys
 * are not minified, so a transaction's parts show as `Put:`, `Update:`, `Delete:`,
 * `ConditionCheck:`. Transactions need the actions of their parts: there is no IAM action for
 * TransactWriteItems.
 */
export const DYNAMO_PATTERNS: readonly (readonly [RegExp, string])[] = [
  [/\bGetCommand\b|\bTransactGetCommand\b/, 'dynamodb:GetItem'],
  [/\bPutCommand\b|[{,]Put:/, 'dynamodb:PutItem'],
  [/\bUpdateCommand\b|[{,]Update:/, 'dynamodb:UpdateItem'],
  [/\bDeleteCommand\b|[{,]Delete:/, 'dynamodb:DeleteItem'],
  [/[{,]ConditionCheck:/, 'dynamodb:ConditionCheckItem'],
  [/\bQueryCommand\b/, 'dynamodb:Query'],
  [/\bScanCommand\b/, 'dynamodb:Scan'],
  [/\bBatchGetCommand\b/, 'dynamodb:BatchGetItem'],
  [/\bBatchWriteCommand\b/, 'dynamodb:BatchWriteItem'],
];

/** The secrets of the stack, by the module whose presence in a bundle means it is read. */
export const SECRET_MODULES = {
  /** The private half of the session key pair: read, and written on first use. */
  sessionSigning: 'functions/src/auth/signingKey.ts',
  /** The public half: read by every function checking bearer tokens. */
  sessionPublic: 'functions/src/auth/secret.ts',
  shareLinks: 'functions/src/auth/shareKey.ts',
  wecom: 'functions/src/wecom/apps.ts',
} as const;
export type SecretName = keyof typeof SECRET_MODULES;

/** The environment variable each secret's ARN is handed over in (functions/src/config.ts). */
export const SECRET_VARIABLES: Record<SecretName, string> = {
  sessionSigning: 'SESSION_SIGNING_KEY_ARN',
  sessionPublic: 'SESSION_PUBLIC_KEY_ARN',
  shareLinks: 'SHARE_SECRET_ARN',
  wecom: 'WECOM_SECRET_ARN',
};

export type FunctionNeeds = {
  /** Sorted, without duplicates. */
  dynamoActions: string[];
  secrets: SecretName[];
  /** The functions/src modules keeping code in the bundle (for tests and messages). */
  modules: string[];
};

const cache = new Map<string, FunctionNeeds>();

/**
 * Bundles the entries (all at once: esbuild parses the shared modules once) and keeps what
 * each needs; functionNeeds of an entry not prepared bundles it alone.
 */
export function prepareNeeds(entries: readonly string[]): void {
  const todo = [...new Set(entries.map((e) => resolve(e)))].filter((e) => !cache.has(e));
  if (!todo.length) return;
  const result = buildSync({
    entryPoints: todo,
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    mainFields: ['module', 'main'],
    minify: true,
    external: [...RUNTIME_PROVIDED_MODULES],
    outdir: 'out',
    entryNames: '[dir]/[name]-[hash]',
    logLevel: 'silent',
    absWorkingDir: REPO_ROOT,
  });
  for (const [path, output] of Object.entries(result.metafile.outputs)) {
    if (!output.entryPoint) continue;
    const entry = resolve(REPO_ROOT, output.entryPoint);
    const file = result.outputFiles.find((f) => f.path === resolve(REPO_ROOT, path));
    if (!file) throw new Error(`no bundle for ${entry}`);
    const modules = Object.entries(output.inputs)
      .filter(([name, input]) => input.bytesInOutput > 0 && name.startsWith('functions/src/'))
      .map(([name]) => name)
      .sort();
    const actions = new Set<string>();
    for (const [pattern, action] of DYNAMO_PATTERNS)
      if (pattern.test(file.text)) actions.add(action);
    const secrets = (Object.keys(SECRET_MODULES) as SecretName[]).filter((s) =>
      modules.includes(SECRET_MODULES[s]),
    );
    cache.set(entry, { dynamoActions: [...actions].sort(), secrets, modules });
  }
}

/** What the function bundled from `entry` does with the table and the secrets. */
export function functionNeeds(entry: string): FunctionNeeds {
  prepareNeeds([entry]);
  const needs = cache.get(resolve(entry));
  if (!needs) throw new Error(`no bundle for ${entry}`);
  return needs;
}

/** The union of several functions' needs (the tasks of a workflow share a role). */
export function combinedNeeds(entries: readonly string[]): FunctionNeeds {
  const all = entries.map(functionNeeds);
  return {
    dynamoActions: [...new Set(all.flatMap((n) => n.dynamoActions))].sort(),
    secrets: [...new Set(all.flatMap((n) => n.secrets))].sort(),
    modules: [...new Set(all.flatMap((n) => n.modules))].sort(),
  };
}

export type DataAccess = {
  table: ITable;
  /** The secrets the stack has; a function needing one that is not given fails the synth. */
  secrets: Partial<Record<SecretName, ISecret>>;
};

export type GrantOptions = {
  /**
   * `dynamodb:LeadingKeys` patterns (StringLike): every partition key the role touches must
   * match one (the WeCom callback: its de-duplication records only).
   */
  leadingKeys?: readonly string[];
};

/**
 * Grants a role exactly what the functions bundled from `entries` need: their DynamoDB actions
 * on the table and its indexes (and the table key's use for them), their secrets. Answers the
 * environment naming those secrets (and only those).
 */
export function grantNeeds(
  role: IRole,
  entries: readonly string[],
  access: DataAccess,
  options: GrantOptions = {},
): Record<string, string> {
  const needs = combinedNeeds(entries);
  const names = entries.map((e) => relative(REPO_ROOT, e)).join(', ');
  if (needs.dynamoActions.length) {
    role.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: needs.dynamoActions,
        resources: [access.table.tableArn, `${access.table.tableArn}/index/*`],
        ...(options.leadingKeys
          ? {
              conditions: {
                'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...options.leadingKeys] },
              },
            }
          : {}),
      }),
    );
    const key = access.table.encryptionKey;
    if (key) {
      const writes = needs.dynamoActions.some(
        (a) => !/:(GetItem|BatchGetItem|Query|Scan)$/.test(a),
      );
      if (writes) key.grantEncryptDecrypt(role);
      else key.grantDecrypt(role);
    }
  }
  const environment: Record<string, string> = {};
  for (const name of needs.secrets) {
    const secret = access.secrets[name];
    if (!secret) throw new Error(`${names} read the ${name} secret, which the stack does not give`);
    secret.grantRead(role);
    environment[SECRET_VARIABLES[name]] = secret.secretArn;
  }
  // The issuer generates the key pair on first use and publishes the public half.
  if (needs.secrets.includes('sessionSigning')) {
    access.secrets.sessionSigning!.grantWrite(role);
    const publicKey = access.secrets.sessionPublic;
    if (!publicKey) throw new Error(`${names} publish the session public key: give its secret`);
    publicKey.grantRead(role);
    publicKey.grantWrite(role);
    environment[SECRET_VARIABLES.sessionPublic] = publicKey.secretArn;
  }
  return environment;
}

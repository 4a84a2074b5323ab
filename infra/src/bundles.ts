import { existsSync, mkdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The most a function's bundle (`index.mjs`, minified, without its source map) may weigh:
 * 300 KB, counted as esbuild and the synth test count them (1 KB = 1,024 bytes). The
 * synth test fails above it; `npm run bench:bundles` lists every bundle against it.
 */
export const BUNDLE_LIMIT_BYTES = 300 * 1024;

/**
 * Bundles allowed above the limit while they are brought down, each held to what it weighed
 * (rounded up to the KB) so it cannot grow meanwhile. The validation library (zod
 * classic, 102 KB) is in every bundle, but an area carries only its own routes and contracts
 * (shared/src/api/routes/<area>.ts; the whole table is only in the system area, which serves
 * the OpenAPI document), which brought approvals, engineering and shopfloor from 317-319 KB
 * under the limit. The synth test fails when a bundle grows past its allowance, and when one
 * no longer needs it, so this list only shrinks.
 */
export const OVER_LIMIT_ALLOWANCES: Readonly<Record<string, number>> = {
  // 301.4 KB on 2026-12-07: the sales order's confirmation now also marks planning and asks
  // for a net-change run, and its documents are read with partner names; the approvals area
  // finishes sales, purchase and ECN approvals, so it carries all three. 302.3 KB on
  // 2026-12-08: every transaction that writes an order notes it for the next net run's load
  // (order marks, in the transaction layer every bundle carries), and stored parts are
  // compressed as a stream (the costing period lock's module).
  approvals: 303 * 1024,
};

/** What a bundle may weigh: the limit, or its allowance while it has one. */
export function bundleLimit(name: string): number {
  return OVER_LIMIT_ALLOWANCES[name] ?? BUNDLE_LIMIT_BYTES;
}

/** `stock: /api/stock` -> `stock`; `mrp workflow: load (…)` -> `mrp.load`. */
export function bundleName(description: string): string {
  const task = /^(\w+) workflow: (\w+)/.exec(description);
  return task ? `${task[1]}.${task[2]}` : description.split(':')[0]!;
}

/**
 * The most resources the stack may hold (CloudFormation's own limit is 500). Raised from 300
 * to 350 on 2026-12-07: issue 19's go-live pieces (VPC and NAT, alarms, a role per area,
 * backup) brought the stack to 296, and the login's own area (its reserved concurrency and
 * the signing key) to 301. Past 350, split the stack (nested stacks per area group) rather
 * than raising this again.
 */
export const RESOURCE_LIMIT = 350;

export type Bundle = {
  /** The function's logical id in the template. */
  logicalId: string;
  description: string;
  /** The asset folder holding `index.mjs`. */
  dir: string;
  file: string;
  bytes: number;
};

type TemplateResource = { Type: string; Properties?: Record<string, unknown> };

/**
 * Every Lambda function of a synthesised template with the size of its bundle, largest
 * first. `assemblyDir` is the cloud assembly (`cdk.out`): CDK names each asset folder
 * `asset.<hash>` after the zip name in the template.
 */
export function bundlesOf(
  resources: Record<string, TemplateResource>,
  assemblyDir: string,
): Bundle[] {
  return Object.entries(resources)
    .filter(([, r]) => r.Type === 'AWS::Lambda::Function')
    .map(([logicalId, r]) => {
      const code = r.Properties?.Code as { S3Key?: string } | undefined;
      if (!code?.S3Key) throw new Error(`${logicalId}: no asset code`);
      const dir = join(assemblyDir, `asset.${code.S3Key.replace(/\.zip$/, '')}`);
      const file = join(dir, 'index.mjs');
      return {
        logicalId,
        description: String(r.Properties?.Description ?? ''),
        dir,
        file,
        bytes: existsSync(file) ? statSync(file).size : NaN,
      };
    })
    .sort((a, b) => b.bytes - a.bytes);
}

/** The workspace's node_modules, which stand in for the Lambda runtime's outside AWS. */
export const WORKSPACE_NODE_MODULES = fileURLToPath(new URL('../../node_modules', import.meta.url));

/**
 * Lets bundles under `dir` import what the Lambda runtime provides (the AWS SDK, left out of
 * every bundle) when they are loaded outside Lambda: Node looks for packages in the
 * `node_modules` of each folder above the importing file, so one link at the top of the
 * cloud assembly serves every asset. Returns a function that removes the link.
 */
export function provideRuntimeModules(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const link = join(dir, 'node_modules');
  rmSync(link, { force: true, recursive: false });
  symlinkSync(WORKSPACE_NODE_MODULES, link, 'dir');
  return () => rmSync(link, { force: true });
}

export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

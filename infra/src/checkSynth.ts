// After `cdk synth`: every bundle at most 300 KB, the template at most RESOURCE_LIMIT resources.
// Run by `npm run synth` (infra/package.json) on the cloud assembly it just wrote; exits 1 when
// a limit is broken, listing the bundles largest first either way.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  BUNDLE_LIMIT_BYTES,
  RESOURCE_LIMIT,
  bundleLimit,
  bundleName,
  bundlesOf,
  kib,
} from './bundles.js';

const assembly = process.argv[2] ?? 'cdk.out';
const templates = readdirSync(assembly).filter((f) => f.endsWith('.template.json'));
let failed = false;
for (const name of templates) {
  const template = JSON.parse(readFileSync(join(assembly, name), 'utf8')) as {
    Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
  };
  const count = Object.keys(template.Resources).length;
  const bundles = bundlesOf(template.Resources, assembly);
  console.log(`${name}: ${count} resources (limit ${RESOURCE_LIMIT})`);
  for (const b of bundles) {
    const limit = bundleLimit(bundleName(b.description));
    const over = !(b.bytes <= limit);
    failed ||= over;
    const mark = over
      ? '  OVER'
      : limit > BUNDLE_LIMIT_BYTES
        ? `  (allowed up to ${kib(limit)})`
        : '';
    console.log(`  ${kib(b.bytes).padStart(9)}  ${b.description}${mark}`);
  }
  failed ||= count > RESOURCE_LIMIT;
}
console.log(`bundle limit ${kib(BUNDLE_LIMIT_BYTES)} minified (index.mjs without its source map)`);
if (failed) {
  console.error('synth: a bundle or the resource count is over its limit (docs/BENCHMARKS.md)');
  process.exit(1);
}

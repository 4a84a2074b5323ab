import { type AppError, isAppError } from '@factory/shared';
import { formatIssue, type Args } from './args.js';
import { costCommand } from './cost.js';
import { importCommand } from './import.js';
import { openApiCommand } from './openapi.js';
import { kittingCommand, mrpCommand, planCommand } from './plan.js';
import { tokenCommand } from './token.js';
import { logger } from '../telemetry/log.js';
import { stopMetrics } from '../telemetry/metrics.js';

/**
 * `npm run --silent cli -- <command>`:
 *   import FILE [--tenant T] [--json]   import a factory data file into the local store
 *   token USER [--tenant T]             print a session token for a demo user (local store)
 *   openapi [--out DIR]                 write openapi.json and api.md (default docs/)
 *   cost FILE [--json]                  cost a period file (see USAGE below for the rest)
 */
const USAGE = `usage: npm run --silent cli -- <command>
  import FILE [--tenant T] [--json]   import a factory data file into the local store
  token USER [--tenant T]             print a session token for a demo user (local store)
  openapi [--out DIR]                 write openapi.json and api.md (default docs/)
  plan FILE [--json] [--horizon DAYS] plan a factory data file in a throwaway store
  mrp [--json] [--tenant T]           run MRP over the local store
  kitting ITEM QTY [--json]           kitting analysis over the local store
  cost FILE [--json]                  cost a period file's months in a throwaway store
`;

function parseArgs(argv: string[]): Args {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--') && a !== '--json') {
        flags.set(a.slice(2), next);
        i++;
      } else flags.set(a.slice(2), true);
    } else positional.push(a);
  }
  return { positional, flags };
}

const commands: Record<string, (args: Args) => Promise<number>> = {
  import: importCommand,
  token: tokenCommand,
  openapi: openApiCommand,
  plan: planCommand,
  mrp: mrpCommand,
  kitting: kittingCommand,
  cost: costCommand,
};

async function main(): Promise<number> {
  // Standard output is the command's answer (JSON with --json): no metric lines, and only
  // the product's warnings and errors are logged (Powertools writes those to stderr).
  stopMetrics();
  logger.setLogLevel('WARN');
  const [name, ...rest] = process.argv.slice(2);
  const command = name ? commands[name] : undefined;
  if (!command) {
    process.stderr.write(USAGE);
    return 2;
  }
  try {
    return await command(parseArgs(rest));
  } catch (err) {
    if (isAppError(err)) {
      printError(err);
      return 1;
    }
    throw err;
  }
}

export function printError(err: AppError): void {
  process.stderr.write(`错误 ${err.code}: ${err.message}\n`);
  for (const issue of err.issues ?? []) process.stderr.write(`  ${formatIssue(issue)}\n`);
}

process.exitCode = await main();

import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { testClock } from '../testClock.js';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export type Started = { child: ChildProcess; output: () => string };

/** Runs an npm command in its own process group, as a terminal would. */
export function npm(args: string[], env: Record<string, string>): Started {
  let output = '';
  const child = spawn('npm', args, {
    cwd: repoRoot,
    // The product in the child runs on the tests' business clock too, from where it is now.
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      FACTORY_NOW: testClock().now().toISOString(),
      ...env,
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += String(d)));
  child.stderr!.on('data', (d) => (output += String(d)));
  return { child, output: () => output };
}

export async function waitFor(
  check: () => boolean,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

/** Exit of a process stopped with Ctrl-C: npm itself dies of the signal, the product exits 0. */
export function stoppedBySignal(
  child: ChildProcess,
): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

/** Ctrl-C: SIGINT to the whole foreground process group. */
export function interrupt(child: ChildProcess): void {
  process.kill(-child.pid!, 'SIGINT');
}

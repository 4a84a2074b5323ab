import { cpus } from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { format } from 'prettier';

const FILE = new URL('../../docs/BENCHMARKS.md', import.meta.url);
const START = '<!-- results:start -->';
const END = '<!-- results:end -->';

export type BenchLine = {
  name: string;
  date: string;
  machine: string;
  results: Record<string, unknown>;
};

/**
 * Keeps the latest result of each benchmark in docs/BENCHMARKS.md between markers, so the
 * prose around it stays hand-written and the numbers always come from a real run.
 */
export async function recordBenchmark(line: BenchLine): Promise<void> {
  const text = existsSync(FILE) ? readFileSync(FILE, 'utf8') : `# Benchmarks\n\n${START}\n${END}\n`;
  const [head, rest] = text.split(START) as [string, string];
  const [body, tail] = rest.split(END) as [string, string];
  const sections = new Map<string, string>();
  for (const block of body.split(/\n(?=### )/)) {
    const m = /^### (\S+)/.exec(block.trim());
    if (m) sections.set(m[1]!, block.trim());
  }
  const rows = Object.entries(line.results).map(([k, v]) => `| ${k} | ${String(v)} |`);
  sections.set(
    line.name,
    [
      `### ${line.name}`,
      '',
      `${line.date} — ${line.machine}`,
      '',
      '| metric | value |',
      '| --- | --- |',
      ...rows,
    ].join('\n'),
  );
  const rendered = [...sections.keys()]
    .sort()
    .map((k) => sections.get(k))
    .join('\n\n');
  // Formatted as the repository's prettier check expects, so a benchmark run leaves it green.
  writeFileSync(
    FILE,
    await format(`${head}${START}\n${rendered}\n${END}${tail}`, { parser: 'markdown' }),
  );
}

/** Cores' worth of CPU the whole machine used over `ms` (0 = idle, 2 = both cores busy). */
export async function busyCores(ms: number): Promise<number> {
  const sample = () =>
    cpus().reduce(
      (acc, c) => {
        const total = Object.values(c.times).reduce((a, b) => a + b, 0);
        return { busy: acc.busy + total - c.times.idle, total: acc.total + total };
      },
      { busy: 0, total: 0 },
    );
  const before = sample();
  await new Promise((r) => setTimeout(r, ms));
  const after = sample();
  const share = (after.busy - before.busy) / Math.max(1, after.total - before.total);
  return Number((share * cpus().length).toFixed(2));
}

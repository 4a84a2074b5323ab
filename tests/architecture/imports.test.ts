import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import * as apiDocument from '../../functions/src/composition/apiDocument.js';
import * as attachments from '../../functions/src/composition/attachments.js';
import * as contractApiDocument from '../../functions/src/composition/contractApiDocument.js';
import * as importJobs from '../../functions/src/composition/importJobs.js';
import * as approvals from '../../functions/src/composition/approvals.js';
import * as outbox from '../../functions/src/composition/outbox.js';
import * as product from '../../functions/src/composition/product.js';
import * as shopfloor from '../../functions/src/composition/shopfloor.js';
import * as workflows from '../../functions/src/composition/workflows.js';
import type { Config } from '../../functions/src/config.js';
import type { Ports, Wiring } from '../../functions/src/deps.js';
import { importCycles, importGraph, reach, REPO, type ImportGraph } from './importGraph.js';

const graph = importGraph('functions/src', 'shared/src');
const at = (path: string) => join(REPO, path);
const within = (dir: string) => (file: string) => file.startsWith(at(dir) + '/');

describe('import cycles', () => {
  it('finds a cycle: the approval engine and its document modules as they were', () => {
    const [engine, documents, sales] = ['engine.ts', 'documents.ts', 'orders.ts'].map(at);
    const old: ImportGraph = new Map([
      [engine!, [{ to: documents!, typeOnly: false }]],
      [documents!, [{ to: sales!, typeOnly: false }]],
      [sales!, [{ to: engine!, typeOnly: false }]],
    ]);
    expect(importCycles(old)).toEqual([['documents.ts', 'engine.ts', 'orders.ts']]);
    // Type-only imports are erased: they close no cycle that runs.
    old.set(sales!, [{ to: engine!, typeOnly: true }]);
    expect(importCycles(old, (_from, e) => !e.typeOnly)).toEqual([]);
  });

  it('no module of functions/src or shared/src loads itself back', () => {
    expect(importCycles(graph, (_from, e) => !e.typeOnly)).toEqual([]);
  });

  it('no use case module imports itself back, counting type imports', () => {
    const usecase = within('functions/src/usecases');
    expect(importCycles(graph, (from, e) => usecase(from) && usecase(e.to))).toEqual([]);
  });

  it('the approval engine reaches no document module (they are registered at the composition root)', () => {
    const documents = [
      'functions/src/usecases/sales/orders.ts',
      'functions/src/usecases/bom/ecn.ts',
      'functions/src/usecases/taskOrders/supplementary.ts',
    ].map(at);
    const everything = (from: string) => {
      const seen = new Set([from]);
      const todo = [from];
      while (todo.length) {
        for (const e of graph.get(todo.pop()!) ?? []) {
          if (seen.has(e.to)) continue;
          seen.add(e.to);
          todo.push(e.to);
        }
      }
      return seen;
    };
    for (const module of ['engine.ts', 'documents.ts', 'notifier.ts', 'index.ts']) {
      const reached = everything(at(`functions/src/usecases/approval/${module}`));
      expect(documents.filter((d) => reached.has(d)).map((d) => relative(REPO, d))).toEqual([]);
    }
  });
});

describe('the table', () => {
  it('only the store sends requests to it or names it (db.send, TableName)', () => {
    const outside = [...graph.keys()].filter(
      (f) => within('functions/src')(f) && !within('functions/src/store')(f),
    );
    const talking = outside.filter((f) =>
      /\bdb\.send\(|\bTableName\b/.test(readFileSync(f, 'utf8')),
    );
    expect(talking.map((f) => relative(REPO, f))).toEqual([]);
  });
});

/**
 * The ports a module reads from `deps` (deps.workflows, deps.approvalNotifier, ...), found in
 * its syntax tree (comments do not count).
 */
const PORTS: (keyof Ports)[] = [
  'workflows',
  'approvalNotifier',
  'completionNotifier',
  'approvalDocuments',
  'apiDocument',
  'importJobs',
  'blobStore',
];
const portsCache = new Map<string, Set<string>>();
function portsRead(file: string): Set<string> {
  const cached = portsCache.get(file);
  if (cached) return cached;
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const found = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (
      ts.isPropertyAccessExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'deps' &&
      (PORTS as string[]).includes(node.name.text)
    )
      found.add(node.name.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  portsCache.set(file, found);
  return found;
}

/** The wirings an entry point passes to `wire(...)`, by the name it imports them under. */
function wiredBy(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const names: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      const arg = node.arguments[0];
      if (node.expression.text === 'wire' && arg && ts.isIdentifier(arg)) names.push(arg.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

/**
 * Module reach is coarser than calls: these entry points load a module that uses a port in a
 * function they never run.
 */
const NEVER_CALLED: Record<string, (keyof Ports)[]> = {
  // The MRP task Lambdas run mrpTasks (usecases/mrp/run.ts); the same module's startRun, which
  // starts the workflow, is the planning area's.
  'functions/src/workflows/mrp/': ['workflows'],
  // The import worker runs jobs (usecases/importJobs.ts); the same module's startImport, which
  // hands a job to a worker, is the masterData area's.
  'functions/src/workflows/imports/': ['importJobs'],
};

/** Every wiring of functions/src/composition/, by its exported name. */
const WIRINGS = new Map<string, Wiring>(
  [
    apiDocument,
    attachments,
    contractApiDocument,
    importJobs,
    approvals,
    outbox,
    shopfloor,
    workflows,
    product,
  ].flatMap((m) => Object.entries(m)),
);
const CONFIG = { region: 'cn-north-1', stateMachines: {} } as Config;

describe('composition', () => {
  const entries = [...graph.keys()].filter((f) =>
    /functions\/src\/(lambdas\/[^/]+|wecom\/processorLambda|wecom\/outboxLambda|workflows\/(mrp|imports|costing)\/[^/]+)\.ts$/.test(
      f,
    ),
  );

  it('finds the AWS entry points', () => {
    expect(entries.length).toBeGreaterThanOrEqual(15);
  });

  it.each(entries.map((f) => [relative(REPO, f), f]))(
    '%s wires every port the use cases it loads read',
    (_name, entry) => {
      const needed = new Set<string>();
      for (const module of reach(graph, entry)) for (const p of portsRead(module)) needed.add(p);
      const excused = Object.entries(NEVER_CALLED)
        .filter(([prefix]) => relative(REPO, entry).startsWith(prefix))
        .flatMap(([, ports]) => ports);
      const wired = new Set(
        wiredBy(entry).flatMap((name) => Object.keys(WIRINGS.get(name)?.(CONFIG) ?? {})),
      );
      const missing = [...needed].filter((p) => !wired.has(p) && !excused.includes(p as never));
      expect(missing).toEqual([]);
    },
  );
});

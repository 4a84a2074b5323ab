import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** One import of a module: the module it resolves to, and whether only types are imported. */
export type ImportEdge = { to: string; typeOnly: boolean };

/** Modules (absolute paths) and their relative imports; tests beside the code left out. */
export type ImportGraph = Map<string, ImportEdge[]>;

export const REPO = resolve(new URL('../..', import.meta.url).pathname);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  return [base.replace(/\.js$/, '.ts'), `${base}.ts`, join(base, 'index.ts')].find((f) =>
    existsSync(f),
  );
}

const allTypes = (elements: ts.NodeArray<ts.ImportSpecifier | ts.ExportSpecifier>) =>
  elements.length > 0 && elements.every((e) => e.isTypeOnly);

/**
 * The relative imports of every module under `dirs` (static imports and re-exports, and
 * dynamic `import()`), read with the TypeScript parser. An import erased at run time (`import
 * type`, or every name imported as a type) is marked typeOnly.
 */
export function importGraph(...dirs: string[]): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const file of dirs.flatMap((d) => sourceFiles(resolve(REPO, d)))) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
    const edges: ImportEdge[] = [];
    const add = (specifier: string, typeOnly: boolean) => {
      const to = resolveImport(file, specifier);
      if (to) edges.push({ to, typeOnly });
    };
    const visit = (node: ts.Node): void => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        const clause = node.importClause;
        const bindings = clause?.namedBindings;
        const typeOnly =
          !!clause &&
          (clause.isTypeOnly ||
            (!clause.name &&
              !!bindings &&
              ts.isNamedImports(bindings) &&
              allTypes(bindings.elements)));
        add(node.moduleSpecifier.text, typeOnly);
      } else if (
        ts.isExportDeclaration(node) &&
        node.moduleSpecifier &&
        ts.isStringLiteral(node.moduleSpecifier)
      ) {
        const clause = node.exportClause;
        const typeOnly =
          node.isTypeOnly || (!!clause && ts.isNamedExports(clause) && allTypes(clause.elements));
        add(node.moduleSpecifier.text, typeOnly);
      } else if (
        ts.isCallExpression(node) &&
        node.expression.kind === ts.SyntaxKind.ImportKeyword &&
        node.arguments[0] &&
        ts.isStringLiteral(node.arguments[0])
      ) {
        add(node.arguments[0].text, false);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    graph.set(file, edges);
  }
  return graph;
}

/**
 * The import cycles (strongly connected components of more than one module, or a module that
 * imports itself) over the edges `follow` keeps, as repository-relative paths.
 */
export function importCycles(
  graph: ImportGraph,
  follow: (from: string, edge: ImportEdge) => boolean = () => true,
): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const edgesOf = (m: string) =>
    (graph.get(m) ?? []).filter((e) => graph.has(e.to) && follow(m, e)).map((e) => e.to);
  const connect = (m: string): void => {
    index.set(m, next);
    low.set(m, next++);
    stack.push(m);
    onStack.add(m);
    for (const to of edgesOf(m)) {
      if (!index.has(to)) {
        connect(to);
        low.set(m, Math.min(low.get(m)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(m, Math.min(low.get(m)!, index.get(to)!));
      }
    }
    if (low.get(m) !== index.get(m)) return;
    const component: string[] = [];
    let popped: string;
    do {
      popped = stack.pop()!;
      onStack.delete(popped);
      component.push(popped);
    } while (popped !== m);
    if (component.length > 1 || edgesOf(m).includes(m)) {
      cycles.push(component.map((f) => relative(REPO, f)).sort());
    }
  };
  for (const m of graph.keys()) if (!index.has(m)) connect(m);
  return cycles;
}

/** Every module `entry` loads when it runs (value imports, followed through). */
export function reach(graph: ImportGraph, entry: string): Set<string> {
  const seen = new Set<string>([entry]);
  const todo = [entry];
  while (todo.length) {
    for (const e of graph.get(todo.pop()!) ?? []) {
      if (e.typeOnly || seen.has(e.to) || !graph.has(e.to)) continue;
      seen.add(e.to);
      todo.push(e.to);
    }
  }
  return seen;
}

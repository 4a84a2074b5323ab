import { zFactoryFile } from '@factory/shared';
import { checkFactoryFile } from '../../functions/src/domain/factoryFile/index.js';
import { syntheticFactory, treeStats } from './bomGenerator.js';
let t = performance.now();
const g = syntheticFactory();
console.log('gen ms', performance.now() - t);
t = performance.now();
const parsed = zFactoryFile.safeParse(g.file);
console.log(
  'parse',
  parsed.success,
  performance.now() - t,
  parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 5)),
);
t = performance.now();
const issues = checkFactoryFile(g.file);
console.log('check', issues.length, issues.slice(0, 5), performance.now() - t);
console.log(treeStats(g.file, g.top));
const boms = g.file.boms!;
console.log(
  'boms',
  boms.length,
  'lines',
  boms.reduce((n, b) => n + b.lines.length, 0),
  'bytes',
  JSON.stringify(g.file).length,
);
const users = new Map<string, Set<string>>();
for (const b of boms)
  for (const l of b.lines) {
    const s = users.get(l.component) ?? new Set();
    s.add(b.parent);
    users.set(l.component, s);
  }
const counts = [...users.entries()]
  .map(([c, s]) => [c, s.size] as const)
  .sort((a, b) => b[1] - a[1]);
console.log(counts.slice(0, 10), 'used items', counts.length);
console.log(
  'purchased with >=3 users',
  counts.filter(([c, n]) => c.startsWith('P-') && n >= 3).length,
);
console.log(g.file.items.filter((i) => i.source === 'phantom').length, 'phantoms');
import { explode } from '../../functions/src/domain/bom/index.js';
import { fileLine } from '../../functions/src/usecases/bom/importBoms.js';
const itemsMap = new Map(g.file.items.map(i=>[i.code,{source:i.source,name:i.name}]));
const bomMap = new Map(boms.map(b=>[b.parent,{version:b.version,lines:b.lines.map(fileLine)}]));
const ctx = { item: (c: string)=>itemsMap.get(c), bom: (p: string)=>bomMap.get(p) };
let r = explode(g.top, '10', ctx);
const cnt = (n: any): number => 1 + n.children.reduce((s: number,c: any)=>s+cnt(c),0);
console.log('nodes', cnt(r.tree), 'flat', r.flat.length);
const ts: number[] = [];
for (let i=0;i<50;i++){ const t0=performance.now(); r = explode(g.top,'10',ctx); ts.push(performance.now()-t0);} 
ts.sort((a,b)=>a-b); console.log(ts[25], ts[47], ts[49]);

import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import type { PlanningResult } from '../../functions/src/domain/mrp/index.js';
import { mrpInputFromFile, planMrp } from '../../functions/src/domain/mrp/index.js';
import { MRP_SIZES, mrpFactory } from './mrpGenerator.js';
const { file } = mrpFactory({ seed: 20261201, ...MRP_SIZES.a });
const input = mrpInputFromFile(file, 90);
let previous = planMrp(input) as PlanningResult;
let prevInput = input;
const sold = [...new Set(input.salesOrders.filter((s) => s.item.startsWith('FG')).map((s) => s.item))];
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.start');
const times: number[] = [];
for (let k = 0; k < 12; k++) {
  const item = sold[(k * 7919) % sold.length]!;
  const after = { ...prevInput, salesOrders: [...prevInput.salesOrders, { no: `SO-B-${k}`, line: 1, item, qty: '37', dueDate: '2027-01-12' }] };
  const t = performance.now();
  const r = planMrp(after, { previous, dirty: new Set([item]), previousInput: prevInput });
  times.push(performance.now() - t);
  previous = r; prevInput = after;
  console.log(item, r.netChange?.mode, r.netChange?.replanned, Math.round(times.at(-1)!));
}
const { profile } = await session.post('Profiler.stop');
writeFileSync('/tmp/prof/net.cpuprofile', JSON.stringify(profile));

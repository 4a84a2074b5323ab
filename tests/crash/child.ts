// One life of the product under a kill-sweep: the local runtime on a data folder, the
// scenario's postings fired at once, and, when CRASH_AT_WRITE is set, death by SIGKILL (what
// `kill -9` sends) just before the store's k-th durable write. Without it the scenario runs to
// the end and the number of writes it took is printed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApi } from '../integration/harness.js';
import { fire, scenario, type Base } from './scenario.js';

const dataDir = process.env.CRASH_DATA_DIR;
if (!dataDir) throw new Error('CRASH_DATA_DIR is not set');
const crashAt = Number(process.env.CRASH_AT_WRITE ?? 0);
const base = JSON.parse(readFileSync(join(dataDir, 'base.json'), 'utf8')) as Base;

let writes = 0;
const api = await startApi({
  dataDir,
  beforeStoreWrite: (n) => {
    writes = n;
    if (n === crashAt) process.kill(process.pid, 'SIGKILL');
  },
});
console.log('FIRING');
const answers = await fire(api, scenario(base));
console.log(`DONE writes=${writes} answers=${answers.map((a) => a.status).join(',')}`);
await api.close();

import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { DEMO_TENANT, DEMO_USERS } from '../src/auth/demoUsers.js';
import { ensureH5Build, h5BuildState } from './miniapp.js';
import { startRuntime } from './runtime.js';

/**
 * `npm start`: the product on this machine with the demo factory, data kept in .data/.
 * Ports: PORT (API, default 3000), DYNAMO_PORT (embedded DynamoDB, default 8000) and
 * WECOM_PORT (the WeCom simulator, default 3001).
 */
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = process.env.DATA_DIR ? resolve(process.env.DATA_DIR) : resolve(repoRoot, '.data');
const port = Number(process.env.PORT ?? 3000);
const dynamoPort = Number(process.env.DYNAMO_PORT ?? 8000);
// PORT=0 asks for free ports: the simulator then takes a free one too unless WECOM_PORT says.
const wecomPort = Number(process.env.WECOM_PORT ?? (port === 0 ? 0 : 3001));

// LOCAL_DYNAMO_TRANSACTION_CONFLICTS=1 (or a window in ms) makes the embedded DynamoDB refuse
// overlapping transactions as DynamoDB does.
const conflicts = process.env.LOCAL_DYNAMO_TRANSACTION_CONFLICTS;
const transactionConflicts =
  conflicts && conflicts !== '0'
    ? Number(conflicts) > 1
      ? { windowMs: Number(conflicts) }
      : true
    : undefined;

const h5State = h5BuildState();
const runtime = await startRuntime({
  transactionConflicts,
  dataDir,
  port,
  dynamoPort,
  host: process.env.HOST ?? '127.0.0.1',
  seedDemo: true,
  serveMiniapp: true,
  log: (line) => console.log(line),
  wecom: { port: wecomPort },
});

console.log(`
工厂 ERP 本地环境已启动 / Factory ERP is running locally
  API            ${runtime.url}/api
  mini-program   ${runtime.appUrl}   (H5; pick a demo user to sign in)${h5State === 'fresh' ? '' : ` - ${h5State === 'missing' ? 'building it' : 'rebuilding it'}, about a minute`}
  health         ${runtime.url}/api/health
  OpenAPI        ${runtime.url}/api/openapi.json
  DynamoDB       ${runtime.dynamoEndpoint}   (data in ${dataDir})
  WeCom sim      ${runtime.wecom!.url}/sim/   (企业微信模拟器: wwdemo01, wwdemo02; callbacks to ${runtime.url}/wecom/callback)
  WeCom outbox   cards and messages are delivered by a worker loop; failed ones: GET ${runtime.url}/api/outbox?status=failed (admin), POST …/{id}/resend
                 make the simulator slow or failing: curl -X POST ${runtime.wecom!.url}/sim/api/faults -d '{"delayMs":5000}'   ('{}' to heal)
  demo tenant    ${DEMO_TENANT}; users: ${DEMO_USERS.map((u) => u.user).join(', ')}
  daily digest   sent on the hour to subscribed managers; now: curl -s -X POST ${runtime.url}/local/digest/run -H 'content-type: application/json' -d '{}'
  demo token     curl -s -X POST ${runtime.url}/api/dev/token -H 'content-type: application/json' -d '{"user":"admin"}'
  WeCom login    CODE=$(curl -s -X POST ${runtime.wecom!.url}/sim/api/login-code -d '{"corpid":"wwdemo01","userid":"zhoujun"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).code')
                 curl -s -X POST ${runtime.url}/api/auth/wecom/login -H 'content-type: application/json' -d '{"code":"'$CODE'"}'
Press Ctrl-C to stop.`);

// The mini-program's H5 build is served at /app/; (re)built in the background when missing or
// stale, so the API is up at once (the page says it is building meanwhile).
ensureH5Build((line) => console.log(line)).catch((err: Error) =>
  console.error(`mini-program H5 build failed: ${err.message}`),
);

// The daily digest's job on the hour, as EventBridge runs it in AWS (docs/digest.md): the
// subscribers whose hour has come get yesterday's digest, once a day.
const HOUR_MS = 3_600_000;
function runDigestJob() {
  fetch(`${runtime.url}/local/digest/run`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  })
    .then(async (res) => {
      const result = (await res.json()) as { day?: string; queued?: number };
      if (result.queued) console.log(`daily digest of ${result.day}: ${result.queued} queued`);
    })
    .catch((err: Error) => console.error(`daily digest job failed: ${err.message}`));
}
setTimeout(
  () => {
    runDigestJob();
    setInterval(runDigestJob, HOUR_MS).unref();
  },
  HOUR_MS - (Date.now() % HOUR_MS),
).unref();

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping...`);
  try {
    await runtime.close();
    console.log('stopped; data kept in', dataDir);
    process.exit(0);
  } catch (err) {
    console.error('error while stopping', err);
    process.exit(1);
  }
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

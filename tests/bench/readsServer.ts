import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { resolve } from 'node:path';
import { startRuntime } from '../../functions/local/runtime.js';

/**
 * The product as `npm start` runs it (embedded DynamoDB on disk under DATA_DIR, the gateway,
 * the handlers, the WeCom simulator, the demo factory), minus the mini-program's H5 build,
 * whose background rebuild would take a core from the measurement. Prints `API <url>/api`.
 * BENCH_PROFILE=<file>: a CPU profile of the server from the end of seeding to its stop (so
 * start-up and the demo import stay out of it), written there as a .cpuprofile.
 */
const runtime = await startRuntime({
  dataDir: resolve(process.env.DATA_DIR ?? '.data-bench'),
  port: 0,
  dynamoPort: 0,
  host: '127.0.0.1',
  seedDemo: true,
  wecom: { port: 0 },
});
const profileTo = process.env.BENCH_PROFILE;
const profiler = profileTo ? new Session() : undefined;
if (profiler) {
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.start');
}
console.log(`API ${runtime.url}/api`);

const stop = async () => {
  if (profiler && profileTo) {
    const { profile } = await profiler.post('Profiler.stop');
    writeFileSync(profileTo, JSON.stringify(profile));
  }
  await runtime.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

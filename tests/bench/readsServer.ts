import { resolve } from 'node:path';
import { startRuntime } from '../../functions/local/runtime.js';

/**
 * The product as `npm start` runs it (embedded DynamoDB on disk under DATA_DIR, the gateway,
 * the handlers, the WeCom simulator, the demo factory), minus the mini-program's H5 build,
 * whose background rebuild would take a core from the measurement. Prints `API <url>/api`.
 */
const runtime = await startRuntime({
  dataDir: resolve(process.env.DATA_DIR ?? '.data-bench'),
  port: 0,
  dynamoPort: 0,
  host: '127.0.0.1',
  seedDemo: true,
  wecom: { port: 0 },
});
console.log(`API ${runtime.url}/api`);

const stop = () =>
  runtime.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

import { mkdtempSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, get as httpGet, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { h5Site } from './miniapp.js';

// The mini-program's H5 site on the gateway: static files, run-time config, a page while building.
let dist: string;
let server: Server;
let base: string;

function serve(dir: string): Promise<string> {
  const site = h5Site({
    dist: dir,
    config: () => ({ apiBaseUrl: '', simulatorUrl: 'http://127.0.0.1:9', corpid: 'wwdemo01' }),
  });
  server = createServer((req, res) => {
    void site(req, res, new URL(req.url ?? '/', 'http://localhost')).then((handled) => {
      if (!handled) {
        res.writeHead(418);
        res.end('api');
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      resolve(`http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`);
    }),
  );
}

beforeEach(async () => {
  dist = mkdtempSync(join(tmpdir(), 'h5-'));
  mkdirSync(join(dist, 'js'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>工厂 ERP</title>');
  writeFileSync(join(dist, 'js', 'app.0123abcd.js'), 'console.log(1)');
  base = await serve(dist);
});
afterEach(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dist, { recursive: true, force: true });
});

test('serves index.html, hashed assets cached for long, and the run-time config', async () => {
  const index = await fetch(`${base}/app/`);
  expect(index.status).toBe(200);
  expect(index.headers.get('content-type')).toContain('text/html');
  expect(index.headers.get('cache-control')).toBe('no-cache');
  expect(await index.text()).toContain('工厂 ERP');

  const js = await fetch(`${base}/app/js/app.0123abcd.js`);
  expect(js.headers.get('content-type')).toContain('text/javascript');
  expect(js.headers.get('cache-control')).toContain('immutable');

  const config = await fetch(`${base}/app/config.json`);
  expect(config.headers.get('cache-control')).toBe('no-store');
  expect(await config.json()).toEqual({
    apiBaseUrl: '',
    simulatorUrl: 'http://127.0.0.1:9',
    corpid: 'wwdemo01',
  });
});

test('/app redirects to /app/, app routes fall back to index.html, other paths are not its', async () => {
  const bare = await fetch(`${base}/app`, { redirect: 'manual' });
  expect(bare.status).toBe(301);
  expect(bare.headers.get('location')).toBe('/app/');
  expect((await fetch(`${base}/app/pages/home/index/index`)).status).toBe(200);
  expect((await fetch(`${base}/app/js/missing.js`)).status).toBe(404);
  expect((await fetch(`${base}/api/health`)).status).toBe(418);
  expect((await fetch(`${base}/application`)).status).toBe(418);
});

test('nothing outside the build folder is served', async () => {
  const secret = join(dist, '..', `${Date.now()}-secret.txt`);
  writeFileSync(secret, 'secret');
  try {
    const res = await fetch(`${base}/app/..%2f${encodeURIComponent(secret.split('/').pop()!)}`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('secret');
  } finally {
    rmSync(secret);
  }
});

test('before the first build it answers 503 with a page that says it is building', async () => {
  rmSync(join(dist, 'index.html'));
  const res = await fetch(`${base}/app/`);
  expect(res.status).toBe(503);
  expect(await res.text()).toContain('正在构建');
});

test.each(['%E0%A4%A', '%', '%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd', 'js/%ZZ.js', '%00.js'])(
  'a malformed percent-escape under /app/ is a 400, not a crash: %s',
  async (path) => {
    const res = await fetch(`${base}/app/${path}`);
    expect(res.status).toBe(400);
    // The server is still there.
    expect((await fetch(`${base}/app/`)).status).toBe(200);
  },
);

test('every /app/ response carries the security headers; the CSP fits the H5 build and the simulator', async () => {
  const paths = ['/app', '/app/', '/app/js/app.0123abcd.js', '/app/config.json', '/app/js/x.js'];
  for (const path of paths) {
    const res = await fetch(`${base}${path}`, { redirect: 'manual' });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self' http://127.0.0.1:9 blob:;");
    expect(csp).not.toContain('unsafe-eval');
  }
});

test('scripts, styles and the page go brotli or gzip by Accept-Encoding; hashed files stay immutable', async () => {
  const big = `console.log(${JSON.stringify('工厂 ERP '.repeat(2000))});`;
  writeFileSync(join(dist, 'js', 'vendor.89abcdef.js'), big);
  const get = (path: string, acceptEncoding: string) =>
    new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>(
      (done, fail) => {
        // node's fetch decodes bodies; a raw request shows what was on the wire.
        const req = httpGet(`${base}${path}`, { headers: { 'accept-encoding': acceptEncoding } });
        req.on('response', (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done({ headers: res.headers, body: Buffer.concat(chunks) }));
        });
        req.on('error', fail);
      },
    );

  const br = await get('/app/js/vendor.89abcdef.js', 'gzip, deflate, br');
  expect(br.headers['content-encoding']).toBe('br');
  expect(br.headers['vary']).toBe('accept-encoding');
  expect(br.headers['cache-control']).toContain('immutable');
  expect(br.body.length).toBeLessThan(big.length / 10);
  expect(brotliDecompressSync(br.body).toString()).toBe(big);

  const gz = await get('/app/js/vendor.89abcdef.js', 'gzip;q=1, br;q=0');
  expect(gz.headers['content-encoding']).toBe('gzip');
  expect(gunzipSync(gz.body).toString()).toBe(big);

  const plain = await get('/app/js/vendor.89abcdef.js', 'identity');
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(plain.body.toString()).toBe(big);

  // A rebuilt file (same name, new content) is compressed afresh, never served stale.
  const rebuilt = `${big}//2`;
  writeFileSync(join(dist, 'js', 'vendor.89abcdef.js'), rebuilt);
  utimesSync(join(dist, 'js', 'vendor.89abcdef.js'), new Date(), new Date(Date.now() + 5000));
  const again = await get('/app/js/vendor.89abcdef.js', 'br');
  expect(brotliDecompressSync(again.body).toString()).toBe(rebuilt);

  // The page itself is compressed too; a tiny file that would grow is sent as it is.
  writeFileSync(
    join(dist, 'index.html'),
    `<!doctype html><title>工厂 ERP</title>${'<p>x</p>'.repeat(500)}`,
  );
  expect((await get('/app/', 'br')).headers['content-encoding']).toBe('br');
  const tiny = await get('/app/js/app.0123abcd.js', 'br');
  expect(tiny.headers['content-encoding']).toBeUndefined();
  expect(tiny.body.toString()).toBe('console.log(1)');
});

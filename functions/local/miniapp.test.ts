import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

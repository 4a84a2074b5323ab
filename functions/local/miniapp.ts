import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { constants as zlib, brotliCompressSync, gzipSync } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tryDecodePathSegment } from '../src/middleware/pathParams.js';

/**
 * The mini-program's H5 build in the local runtime: served at /app/ by the gateway (same
 * origin as /api, so no CORS), with /app/config.json telling the app where its servers are.
 */
export const MINIAPP_DIR = fileURLToPath(new URL('../../miniapp', import.meta.url));
export const H5_DIST = join(MINIAPP_DIR, 'dist', 'h5');
export const APP_PREFIX = '/app';

/** What the H5 app reads from /app/config.json (miniapp/src/platform/config.ts). */
export type H5Config = {
  /** Empty: the page's own origin. */
  apiBaseUrl: string;
  simulatorUrl?: string;
  corpid?: string;
  demoUsers?: { userid: string; name: string }[];
};

const SOURCES = ['src', 'config', 'types', 'package.json', 'babel.config.cjs'];

/** 'missing' (never built), 'stale' (a source is newer than the build) or 'fresh'. */
export function h5BuildState(dist = H5_DIST): 'missing' | 'stale' | 'fresh' {
  const index = join(dist, 'index.html');
  if (!existsSync(index)) return 'missing';
  const built = statSync(index).mtimeMs;
  const newest = Math.max(...SOURCES.map((s) => newestMtime(join(MINIAPP_DIR, s))));
  return newest > built ? 'stale' : 'fresh';
}

/**
 * Builds the H5 app (`npm run build:h5 -w miniapp`, about a minute) unless it is fresh. The
 * build goes to a temporary folder that replaces dist/h5 only when complete, so an interrupted
 * build never leaves a half app behind; one build at a time across processes (a lock folder).
 */
export async function ensureH5Build(log: (line: string) => void = () => undefined): Promise<void> {
  const distRoot = dirname(H5_DIST);
  mkdirSync(distRoot, { recursive: true });
  const lock = join(distRoot, '.h5-build.lock');
  await acquire(lock);
  try {
    const state = h5BuildState();
    if (state === 'fresh') return;
    for (const old of readdirSync(distRoot).filter((f) => f.startsWith('.h5-build-')))
      rmSync(join(distRoot, old), { recursive: true, force: true });
    const out = join(distRoot, `.h5-build-${process.pid}`);
    log(`mini-program H5 build ${state}: building it (npm run build:h5 -w miniapp)...`);
    const started = Date.now();
    await runBuild(out);
    rmSync(H5_DIST, { recursive: true, force: true });
    renameSync(out, H5_DIST);
    log(`mini-program H5 built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function runBuild(outputRoot: string): Promise<void> {
  return new Promise<void>((done, fail) => {
    const child = spawn('npm', ['run', '--silent', 'build:h5', '-w', 'miniapp'], {
      cwd: resolve(MINIAPP_DIR, '..'),
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, NODE_ENV: 'production', MINIAPP_OUTPUT_ROOT: outputRoot },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.on('error', fail);
    child.on('exit', (code) =>
      code === 0 && existsSync(join(outputRoot, 'index.html'))
        ? done()
        : fail(new Error(`H5 build failed (exit ${code}):\n${stderr}`)),
    );
  });
}

/** A lock folder holding the owner's pid; a dead owner's lock is taken over. */
async function acquire(lock: string): Promise<void> {
  for (let waited = 0; ; waited += 500) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    if (!ownerAlive(lock) || waited > 10 * 60_000) rmSync(lock, { recursive: true, force: true });
    else await new Promise((r) => setTimeout(r, 500));
  }
}

function ownerAlive(lock: string): boolean {
  try {
    const pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
    if (!pid) return statSync(lock).mtimeMs > Date.now() - 5000; // just made, pid not yet written
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/**
 * The security headers of every /app/ response. The CSP fits the Taro H5 build: its scripts
 * and styles are files of its own origin, no inline script and no eval; Taro's components add
 * <style> elements at run time (style-src 'unsafe-inline'); its icons are data: images. The
 * page talks to its own origin, and in H5 to the WeCom simulator for a login code (and to the
 * API when configured on another origin), and reads back the photos it chose (blob: URLs). Nobody may frame it.
 */
export function h5SecurityHeaders(config: H5Config): Record<string, string> {
  const connect = new Set(["'self'"]);
  for (const u of [config.apiBaseUrl, config.simulatorUrl]) {
    if (u) connect.add(new URL(u).origin);
  }
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // blob:: Taro's H5 uploadFile reads a chosen photo back from its object URL (receipts).
    `connect-src ${[...connect, 'blob:'].join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
  };
}

/**
 * A request handler for /app/...: the static files of the H5 build and the run-time config,
 * each with the security headers. Answers false when the path is not under /app (the gateway
 * then routes it as API).
 */
export function h5Site(options: { dist?: string; config: (req: IncomingMessage) => H5Config }) {
  const dist = resolve(options.dist ?? H5_DIST);
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    const path = url.pathname;
    if (path !== APP_PREFIX && !path.startsWith(`${APP_PREFIX}/`)) return false;
    req.resume();
    for (const [name, value] of Object.entries(h5SecurityHeaders(options.config(req))))
      res.setHeader(name, value);
    if (path === APP_PREFIX) {
      res.writeHead(301, { location: `${APP_PREFIX}/` });
      res.end();
      return true;
    }
    const rel = tryDecodePathSegment(path.slice(APP_PREFIX.length + 1));
    // A malformed percent-escape (or a NUL) names no file: 400, never a crash.
    if (rel === undefined || rel.includes('\u0000')) {
      write(res, 400, TYPES['.txt']!, 'bad request: malformed path', 'no-store');
      return true;
    }
    if (rel === 'config.json') {
      write(res, 200, TYPES['.json']!, JSON.stringify(options.config(req)), 'no-store');
      return true;
    }
    // Hash routing: every path without a file extension is the app itself.
    const file = resolve(dist, rel === '' || !extname(rel) ? 'index.html' : rel);
    if (!file.startsWith(dist + sep)) {
      write(res, 404, TYPES['.txt']!, 'not found', 'no-store');
      return true;
    }
    try {
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      const hashed = /\.[0-9a-f]{8}\.(js|css)$/.test(file);
      const cache = hashed ? 'public, max-age=31536000, immutable' : 'no-cache';
      const encoding = COMPRESSIBLE.test(type) ? preferredEncoding(req) : undefined;
      const body = encoding
        ? await compressed.get(file, encoding)
        : { bytes: await readFile(file), encoding: undefined };
      write(res, 200, type, body.bytes, cache, body.encoding);
    } catch {
      if (file === join(dist, 'index.html'))
        write(res, 503, TYPES['.html']!, BUILDING_PAGE, 'no-store');
      else write(res, 404, TYPES['.txt']!, 'not found', 'no-store');
    }
    return true;
  };
}

const BUILDING_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><meta http-equiv="refresh" content="5">
<title>工厂 ERP</title></head><body style="font-family:sans-serif;padding:24px">
<p>小程序 H5 正在构建，约需一分钟，页面会自动刷新。</p>
<p style="color:#888">The mini-program's H5 build is not there yet (npm start builds it; or run
<code>npm run build:h5 -w miniapp</code>).</p></body></html>`;

function write(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  cache: string,
  encoding?: Encoding,
): void {
  const buffer = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, {
    'content-type': type,
    'content-length': String(buffer.length),
    'cache-control': cache,
    ...(encoding ? { 'content-encoding': encoding } : {}),
    // The same URL answers differently by Accept-Encoding: caches must keep them apart.
    ...(COMPRESSIBLE.test(type) ? { vary: 'accept-encoding' } : {}),
  });
  res.end(buffer);
}

type Encoding = 'br' | 'gzip';
/** Text the browser downloads: scripts, styles, the page, JSON and SVG. Images are compressed. */
const COMPRESSIBLE = /^(text\/|application\/json|image\/svg)/;

/** Brotli when the browser takes it, else gzip, else none (a q=0 refuses an encoding). */
export function preferredEncoding(req: IncomingMessage): Encoding | undefined {
  const header = String(req.headers['accept-encoding'] ?? '').toLowerCase();
  const accepted = new Set<string>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    if (name && (q === undefined || Number(q) > 0)) accepted.add(name.trim());
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return undefined;
}

/**
 * Compressed copies of the build's files, made once per file version (path and mtime): the
 * files do not change between builds, so the cost is paid on the first request. Brotli at
 * quality 9: 80 ms for the largest chunk (315 KB → 82 KB); 11 saves 7 % for 600 ms.
 */
const compressed = {
  entries: new Map<string, { mtimeMs: number; bytes: Buffer }>(),
  async get(file: string, encoding: Encoding): Promise<{ bytes: Buffer; encoding?: Encoding }> {
    const { mtimeMs } = await stat(file);
    const key = `${encoding}:${file}`;
    const hit = this.entries.get(key);
    if (hit && hit.mtimeMs === mtimeMs) return { bytes: hit.bytes, encoding };
    const raw = await readFile(file);
    const bytes =
      encoding === 'br'
        ? brotliCompressSync(raw, {
            params: {
              [zlib.BROTLI_PARAM_QUALITY]: 9,
              [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length,
            },
          })
        : gzipSync(raw, { level: 9 });
    // A tiny file can grow when compressed: send it as it is.
    if (bytes.length >= raw.length) return { bytes: raw };
    this.entries.set(key, { mtimeMs, bytes });
    return { bytes, encoding };
  },
};

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

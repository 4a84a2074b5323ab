import { jest } from '@jest/globals';
import {
  addRequestFields,
  levelFromEnvironment,
  log,
  logger,
  requestFields,
  withRequestFields,
} from './log.js';

/** The JSON lines the logger printed (development mode: through the global console). */
function captureLines() {
  const lines: Record<string, unknown>[] = [];
  const spies = (['info', 'warn', 'error'] as const).map((level) =>
    jest.spyOn(console, level).mockImplementation((text: unknown) => {
      lines.push(JSON.parse(String(text)) as Record<string, unknown>);
    }),
  );
  return { lines, restore: () => spies.forEach((s) => s.mockRestore()) };
}

describe('log', () => {
  it("puts the request's fields on every line, across awaits, and only on its own", async () => {
    const out = captureLines();
    try {
      const serve = (id: string, tenant: string) =>
        withRequestFields({ route: 'stockIssues.create', request_id: id }, async () => {
          await new Promise((r) => setImmediate(r));
          addRequestFields({ tenant });
          await new Promise((r) => setImmediate(r));
          log.warn('short', { item: 'RM1' });
        });
      await Promise.all([serve('r1', 'wwa'), serve('r2', 'wwb')]);
      log.info('outside');
    } finally {
      out.restore();
    }
    const [a, b, outside] = out.lines;
    expect(a).toMatchObject({
      level: 'WARN',
      message: 'short',
      service: 'factory-erp',
      route: 'stockIssues.create',
      request_id: 'r1',
      tenant: 'wwa',
      item: 'RM1',
    });
    expect(b).toMatchObject({ request_id: 'r2', tenant: 'wwb' });
    // One of the two was the first request this process served.
    expect([a!.cold_start, b!.cold_start].filter(Boolean).length).toBeLessThanOrEqual(1);
    expect(outside).toMatchObject({ level: 'INFO', message: 'outside' });
    expect(outside).not.toHaveProperty('request_id');
    expect(requestFields()).toEqual({});
  });

  it('formats an error with its name, message and stack', () => {
    const out = captureLines();
    try {
      log.error('unhandled error', { error: new TypeError('boom') });
    } finally {
      out.restore();
    }
    expect(out.lines[0]).toMatchObject({
      level: 'ERROR',
      error: { name: 'TypeError', message: 'boom', stack: expect.anything() },
    });
    expect(logger.getLevelName()).toBe('INFO');
  });
});

/** Runs `fn` with environment variables set (undefined: unset), then puts them back. */
function withEnv(vars: Record<string, string | undefined>, fn: () => void): void {
  const before = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const set = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  set(vars);
  try {
    fn();
  } finally {
    set(before);
  }
}

/** What the logger wrote outside development mode (as in Lambda): stdout and stderr. */
function captureStreams(fn: () => void) {
  const out = { stdout: [] as string[], stderr: [] as string[] };
  const spies = (['stdout', 'stderr'] as const).map((stream) =>
    jest.spyOn(process[stream], 'write').mockImplementation((text: unknown) => {
      out[stream].push(String(text));
      return true;
    }),
  );
  const now = jest.spyOn(Date, 'now').mockReturnValue(NOW.getTime());
  try {
    withEnv({ POWERTOOLS_DEV: undefined }, fn);
  } finally {
    spies.forEach((s) => s.mockRestore());
    now.mockRestore();
  }
  return out;
}

const NOW = new Date('2026-12-01T00:30:00Z');

describe('log outside development mode (Lambda)', () => {
  it('writes compact whole lines: info to stdout, warnings and errors to stderr', () => {
    const out = captureStreams(() => {
      log.info('posted', { kind: 'receipt' });
      log.warn('short');
      log.error('failed');
    });
    expect(out.stdout).toEqual([
      '{"level":"INFO","message":"posted","timestamp":"2026-12-01T00:30:00.000Z",' +
        '"service":"factory-erp","kind":"receipt"}\n',
    ]);
    expect(out.stderr.map((l) => JSON.parse(l) as unknown)).toEqual([
      { level: 'WARN', message: 'short', timestamp: NOW.toISOString(), service: 'factory-erp' },
      { level: 'ERROR', message: 'failed', timestamp: NOW.toISOString(), service: 'factory-erp' },
    ]);
    expect(out.stderr.every((l) => l.endsWith('}\n') && !l.slice(0, -1).includes('\n'))).toBe(true);
  });

  it("carries the X-Ray trace id of the invocation (the Root of Lambda's header)", () => {
    let out: ReturnType<typeof captureStreams> | undefined;
    withEnv(
      { _X_AMZN_TRACE_ID: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f;Sampled=1' },
      () => {
        out = captureStreams(() => log.info('traced'));
      },
    );
    expect(JSON.parse(out!.stdout[0]!)).toMatchObject({
      xray_trace_id: '1-5759e988-bd862e3fe1be46a994272793',
    });
  });

  it('formats errors, bigints and cycles, leaves out empty values, drops reserved keys', () => {
    const cause = new RangeError('inner');
    const error = Object.assign(new Error('outer', { cause }), { code: 'stock.insufficient' });
    const cycle: Record<string, unknown> = { name: 'loop' };
    cycle.self = cycle;
    const out = captureStreams(() =>
      log.error('boom', {
        error,
        big: 12n,
        cycle,
        empty: '',
        none: null,
        message: 'not mine',
        service: 'other',
      }),
    );
    const [line, warning] = out.stderr.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(line).toEqual({
      level: 'ERROR',
      message: 'boom',
      timestamp: NOW.toISOString(),
      service: 'factory-erp',
      error: {
        name: 'Error',
        location: expect.stringMatching(/telemetry\.test\.ts:\d+$/),
        message: 'outer',
        stack: expect.stringContaining('Error: outer'),
        cause: expect.objectContaining({ name: 'RangeError', message: 'inner' }),
        code: 'stock.insufficient',
      },
      big: '12',
      cycle: { name: 'loop' },
    });
    expect(warning).toMatchObject({
      level: 'WARN',
      message: 'The key "message" is a reserved key and will be dropped.',
    });
    expect(out.stderr).toHaveLength(3);
  });
});

describe('log level', () => {
  it('AWS_LAMBDA_LOG_LEVEL, else POWERTOOLS_LOG_LEVEL or LOG_LEVEL, else INFO', () => {
    const levelOf = (env: Record<string, string | undefined>) => {
      let level: string | undefined;
      withEnv(
        {
          AWS_LAMBDA_LOG_LEVEL: undefined,
          POWERTOOLS_LOG_LEVEL: undefined,
          LOG_LEVEL: undefined,
          ...env,
        },
        () => {
          level = levelFromEnvironment();
        },
      );
      return level;
    };
    expect(levelOf({})).toBe('INFO');
    expect(levelOf({ POWERTOOLS_LOG_LEVEL: 'debug' })).toBe('DEBUG');
    expect(levelOf({ LOG_LEVEL: 'warn' })).toBe('WARN');
    expect(levelOf({ POWERTOOLS_LOG_LEVEL: 'nonsense' })).toBe('INFO');
    expect(levelOf({ AWS_LAMBDA_LOG_LEVEL: 'FATAL', POWERTOOLS_LOG_LEVEL: 'DEBUG' })).toBe('ERROR');
  });

  it('prints nothing below the level set (the CLI: WARN), unless Lambda sets the level', () => {
    try {
      logger.setLogLevel('WARN');
      expect(logger.getLevelName()).toBe('WARN');
      const quiet = captureStreams(() => {
        log.debug('d');
        log.info('i');
        log.warn('w');
      });
      expect(quiet.stdout).toEqual([]);
      expect(quiet.stderr).toHaveLength(1);

      withEnv({ AWS_LAMBDA_LOG_LEVEL: 'DEBUG' }, () => logger.setLogLevel('ERROR'));
      expect(logger.getLevelName()).toBe('DEBUG');
      expect(captureStreams(() => log.debug('d')).stdout).toHaveLength(1);
    } finally {
      logger.setLogLevel('INFO');
    }
  });
});

import { jest } from '@jest/globals';
import { addRequestFields, log, logger, requestFields, withRequestFields } from './log.js';

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

import { jest } from '@jest/globals';
import { countMetric, emfLine, METRIC, stopMetrics } from './metrics.js';

/** The time Date.now() answers while a line is counted (never the machine's clock). */
const NOW = new Date('2026-12-01T00:30:00Z').getTime();

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

/** What countMetric printed: through the global console (development mode) and on stdout. */
function capture(fn: () => void): { console: string[]; stdout: string[] } {
  const printed = { console: [] as string[], stdout: [] as string[] };
  const log = jest.spyOn(console, 'log').mockImplementation((text: unknown) => {
    printed.console.push(String(text));
  });
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((text: unknown) => {
    printed.stdout.push(String(text));
    return true;
  });
  const now = jest.spyOn(Date, 'now').mockReturnValue(NOW);
  try {
    fn();
  } finally {
    log.mockRestore();
    write.mockRestore();
    now.mockRestore();
  }
  return printed;
}

describe('emfLine', () => {
  it('is the exact EMF line: the definition under _aws, service first, values at the top', () => {
    expect(emfLine(METRIC.refusals, { code: 'stock.insufficient' }, 1, 1764549000000)).toBe(
      '{"_aws":{"Timestamp":1764549000000,"CloudWatchMetrics":[{"Namespace":"FactoryErp",' +
        '"Dimensions":[["service","code"]],"Metrics":[{"Name":"Refusals","Unit":"Count"}]}]},' +
        '"service":"factory-erp","code":"stock.insufficient","Refusals":1}',
    );
  });

  it('has the service dimension alone without others, and keeps a count above one', () => {
    expect(JSON.parse(emfLine(METRIC.stockDocumentsPosted, {}, 3, 5))).toEqual({
      _aws: {
        Timestamp: 5,
        CloudWatchMetrics: [
          {
            Namespace: 'FactoryErp',
            Dimensions: [['service']],
            Metrics: [{ Name: 'StockDocumentsPosted', Unit: 'Count' }],
          },
        ],
      },
      service: 'factory-erp',
      StockDocumentsPosted: 3,
    });
  });

  it('leaves out a dimension with an empty name or value', () => {
    const line = JSON.parse(emfLine(METRIC.wecomFailures, { api: '', '': 'x', kind: 'k' }, 1, 0));
    expect(line._aws.CloudWatchMetrics[0].Dimensions).toEqual([['service', 'kind']]);
    expect(line).not.toHaveProperty('api');
    expect(line).not.toHaveProperty('');
  });
});

describe('countMetric', () => {
  it('prints one line per event through the console in development mode, when turned on', () => {
    const printed = capture(() =>
      withEnv({ POWERTOOLS_DEV: 'true', POWERTOOLS_METRICS_DISABLED: 'false' }, () => {
        countMetric(METRIC.refusals, { code: 'stock.insufficient' });
        countMetric(METRIC.outboxDeliveryFailed);
      }),
    );
    expect(printed.stdout).toEqual([]);
    expect(printed.console).toEqual([
      emfLine(METRIC.refusals, { code: 'stock.insufficient' }, 1, NOW),
      emfLine(METRIC.outboxDeliveryFailed, {}, 1, NOW),
    ]);
    // What the CDK alarm watches: the metric with the service dimension alone.
    expect(JSON.parse(printed.console[1]!)).toMatchObject({
      _aws: { CloudWatchMetrics: [{ Namespace: 'FactoryErp', Dimensions: [['service']] }] },
      service: 'factory-erp',
      OutboxDeliveryFailed: 1,
    });
  });

  it('writes whole lines to standard output outside development mode (as in Lambda)', () => {
    const printed = capture(() =>
      withEnv({ POWERTOOLS_DEV: undefined, POWERTOOLS_METRICS_DISABLED: undefined }, () =>
        countMetric(METRIC.stockDocumentsPosted, { kind: 'receipt' }, 2),
      ),
    );
    expect(printed.console).toEqual([]);
    expect(printed.stdout).toEqual([
      `${emfLine(METRIC.stockDocumentsPosted, { kind: 'receipt' }, 2, NOW)}\n`,
    ]);
  });

  it.each([
    [
      'POWERTOOLS_METRICS_DISABLED=true',
      { POWERTOOLS_DEV: undefined, POWERTOOLS_METRICS_DISABLED: 'true' },
    ],
    [
      'POWERTOOLS_METRICS_DISABLED=1, even out of development mode',
      { POWERTOOLS_DEV: 'false', POWERTOOLS_METRICS_DISABLED: '1' },
    ],
    [
      'POWERTOOLS_DEV=true (the test setup)',
      { POWERTOOLS_DEV: 'true', POWERTOOLS_METRICS_DISABLED: undefined },
    ],
  ])('prints nothing under %s', (_, env) => {
    const printed = capture(() => withEnv(env, () => countMetric(METRIC.refusals, { code: 'x' })));
    expect(printed).toEqual({ console: [], stdout: [] });
  });
});

// Last: stopMetrics cannot be undone in this module.
describe('stopMetrics', () => {
  it('keeps a process (the CLI) from printing metric lines, whatever the environment', () => {
    const printed = capture(() =>
      withEnv({ POWERTOOLS_DEV: undefined, POWERTOOLS_METRICS_DISABLED: 'false' }, () => {
        stopMetrics();
        countMetric(METRIC.stockDocumentsPosted, { kind: 'receipt' });
      }),
    );
    expect(printed).toEqual({ console: [], stdout: [] });
  });
});

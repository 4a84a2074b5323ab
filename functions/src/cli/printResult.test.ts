import { writePlanningJson } from './printResult.js';

type Row = Record<string, unknown>;

/** Segments as the store keeps them: rows cut into arrays, each as compact JSON text. */
const segmentsOf = (rows: Row[], size: number) => {
  const out = [];
  for (let i = 0; i < rows.length; i += size) {
    const text = JSON.stringify(rows.slice(i, i + size));
    out.push({ text: async () => text });
  }
  return out;
};

/** What `cli plan --json` printed before it streamed: the whole result, objects in memory. */
const expected = (runDate: string, orders: Row[], exceptions: Row[]) =>
  `${JSON.stringify(
    { runDate, plannedOrders: orders.map(({ id: _id, ...o }) => o), exceptions },
    null,
    2,
  )}\n`;

async function printed(runDate: string, orders: Row[], exceptions: Row[], size: number) {
  let out = '';
  await writePlanningJson((t) => (out += t), {
    runDate,
    orders: segmentsOf(orders, size),
    exceptions: segmentsOf(exceptions, size),
  });
  return out;
}

const order = (n: number, extra: Row = {}): Row => ({
  id: `01JRUN-${n}`,
  type: n % 3 ? 'purchase' : 'production',
  item: `RM-${String(n).padStart(5, '0')}`,
  qty: `${n}.5`,
  releaseDate: '2026-12-01',
  dueDate: '2026-12-08',
  trackingNo: n % 4 ? null : `SO-${n}`,
  supplier: 'S1',
  pegging: n % 2 ? [{ demand: `SO-${n}/1`, qty: '76.5' }] : [],
  substitutes: n % 5 ? [] : [{ item: 'RM-S', qty: '2' }],
  late: n % 7 === 0,
  ...extra,
});

describe('writePlanningJson', () => {
  it('prints exactly what JSON.stringify prints, over one or many segments', async () => {
    const orders = Array.from({ length: 23 }, (_, n) => order(n + 1));
    const exceptions = Array.from({ length: 7 }, (_, n) => ({
      kind: 'late',
      item: `RM-${n}`,
      detail: `缺料 “${n}” \\ "quoted" {"id":"x",} \n tab\t`,
    }));
    for (const size of [1, 4, 23, 100]) {
      expect(await printed('2026-12-01', orders, exceptions, size)).toBe(
        expected('2026-12-01', orders, exceptions),
      );
    }
  });

  it('prints empty lists as JSON.stringify does', async () => {
    expect(await printed('2026-12-01', [], [], 10)).toBe(expected('2026-12-01', [], []));
    const one = [order(1)];
    expect(await printed('2026-12-01', one, [], 10)).toBe(expected('2026-12-01', one, []));
    const onlyId = [{ id: 'x-1' }];
    expect(await printed('2026-12-01', onlyId, [], 10)).toBe(expected('2026-12-01', onlyId, []));
  });

  it('leaves other ids alone: an id inside a string, a nested id', async () => {
    const tricky = [
      order(1, { note: '{"id":"fake",' }),
      order(2, { pegging: [{ id: 'nested', qty: '1' }] }),
      { id: 'with "quote"', item: 'A', qty: '1' },
      order(4),
    ];
    for (const size of [1, 2, 4]) {
      expect(await printed('2026-12-01', tricky, [], size)).toBe(
        expected('2026-12-01', tricky, []),
      );
    }
  });
});

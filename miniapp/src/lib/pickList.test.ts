import type { ExplosionNode, Kitting, TaskOrderProgress } from '@factory/shared';
import { defaultPickQty, manualNeeds, pickLines } from './pickList';

const order: TaskOrderProgress = {
  no: 'MO-1',
  item: 'SA-HEAD40',
  qty: '600',
  received: '0',
  reportedGood: '0',
  reportedScrap: '0',
  status: 'released',
  issued: [{ item: 'PT-MOT40', qty: '300' }],
};

const node = (
  item: string,
  qty: string,
  extra: Partial<ExplosionNode> = {},
  children: ExplosionNode[] = [],
): ExplosionNode => ({
  item,
  level: 1,
  source: 'purchased',
  phantom: false,
  qtyPer: '1',
  lossRate: '0',
  qty,
  issueMethod: 'manual',
  path: [],
  children,
  ...extra,
});

// SA-HEAD40 × 600: a motor and a capacitor by hand, connectors backflushed, and a phantom
// oscillator whose gearbox is picked and whose screws are backflushed.
const tree = node('SA-HEAD40', '600', { level: 0, source: 'manufactured' }, [
  node('PT-MOT40', '600'),
  node('PT-CAP12', '603'),
  node('PT-CONN', '606', { issueMethod: 'backflush' }),
  node('PH-OSC', '600', { phantom: true, source: 'phantom' }, [
    node('PT-GBOX', '603', { level: 2 }),
    node('PT-SCR-M5', '1224', { level: 2, issueMethod: 'backflush' }),
    node('PT-CAP12', '2', { level: 2 }),
  ]),
]);

const kit: Kitting = {
  item: 'SA-HEAD40',
  qty: '600',
  date: '2026-12-01',
  buildable: '380',
  complete: false,
  components: [
    { item: 'PT-MOT40', available: '80' },
    { item: 'PT-CAP12', available: '650' },
  ].map((c) => ({ ...c, path: [], required: '0', short: '0', sets: '0' })),
};

test('hand-issued needs go through phantoms and leave out backflushed components', () => {
  expect([...manualNeeds(tree)]).toEqual([
    ['PT-MOT40', 600],
    ['PT-CAP12', 605],
    ['PT-GBOX', 603],
  ]);
});

test('open is required minus issued, never negative; the offer is capped by stock', () => {
  const lines = pickLines(order, tree, kit);
  expect(lines).toEqual([
    { item: 'PT-MOT40', required: '600', issued: '300', open: '300', available: '80' },
    { item: 'PT-CAP12', required: '605', issued: '0', open: '605', available: '650' },
    { item: 'PT-GBOX', required: '603', issued: '0', open: '603' },
  ]);
  expect(lines.map(defaultPickQty)).toEqual(['80', '605', '603']);
  const over = pickLines({ ...order, issued: [{ item: 'PT-MOT40', qty: '700' }] }, tree);
  expect(over[0]!.open).toBe('0');
});

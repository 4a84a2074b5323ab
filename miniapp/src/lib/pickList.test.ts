import type { Kitting, TaskOrderProgress } from '@factory/shared';
import { defaultPickQty, pickLines } from './pickList';

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
const kit = (components: { item: string; required: string; available: string }[]): Kitting => ({
  item: 'SA-HEAD40',
  qty: '600',
  date: '2026-12-01',
  buildable: '380',
  complete: false,
  components: components.map((c) => ({ ...c, path: [], short: '0', sets: '0' })),
});

test('open quantity is required minus issued, never negative; the offer is capped by stock', () => {
  const lines = pickLines(
    order,
    kit([
      { item: 'PT-MOT40', required: '600', available: '80' },
      { item: 'PT-CAP12', required: '603', available: '650' },
    ]),
  );
  expect(lines).toEqual([
    { item: 'PT-MOT40', required: '600', issued: '300', open: '300', available: '80' },
    { item: 'PT-CAP12', required: '603', issued: '0', open: '603', available: '650' },
  ]);
  expect(lines.map(defaultPickQty)).toEqual(['80', '603']);
  const over = pickLines(
    { ...order, issued: [{ item: 'PT-MOT40', qty: '700' }] },
    kit([{ item: 'PT-MOT40', required: '600', available: '80' }]),
  );
  expect(over[0]!.open).toBe('0');
});

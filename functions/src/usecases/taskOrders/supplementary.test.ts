import { aNeed } from '../../domain/issue/builders.js';
import { supplementaryAllocations } from './supplementary.js';

const order = {
  no: 'MO1',
  item: 'P',
  qty: '2',
  received: '0',
  startDate: '2026-12-01',
  dueDate: '2026-12-05',
  trackingNo: 'SO-9',
  priority: 5,
  status: 'inProgress' as const,
  needs: [aNeed({ item: 'CHIP', trackingNo: 'SO-9' }), aNeed({ item: 'SCREW' })],
  issued: [],
  origin: 'manual' as const,
  version: 1,
};

describe('supplementary allocations', () => {
  it("draw from the matching need's stock; a new MTO need of a tracked order is tracked", () => {
    const strategy = (item: string) => (item === 'GLUE' || item === 'CHIP' ? 'mto' : 'mts');
    const { orders, allocations } = supplementaryAllocations(
      order,
      {
        lines: [
          { item: 'CHIP', warehouse: 'RM', qty: '1' },
          { item: 'SCREW', warehouse: 'RM', qty: '1' },
          { item: 'GLUE', warehouse: 'RM', qty: '1' },
          { item: 'TAPE', warehouse: 'RM', qty: '1' },
        ],
      },
      strategy,
    );
    expect(allocations.map((a) => [a.item, a.need, a.trackingNo])).toEqual([
      ['CHIP', 0, 'SO-9'],
      ['SCREW', 1, ''],
      ['GLUE', 2, 'SO-9'],
      ['TAPE', 3, ''],
    ]);
    expect(orders[0]!.needs.slice(2).map((n) => [n.item, n.required, n.trackingNo])).toEqual([
      ['GLUE', '0', 'SO-9'],
      ['TAPE', '0', undefined],
    ]);
  });
});

import { postedLines, walkingOrder } from './walk.js';

describe('walking order of a pick list', () => {
  it('goes by warehouse, then 库位 with numbers as numbers, then the lines without one', () => {
    const lines = [
      { item: 'A-BOLT', warehouse: 'RM', location: 'B-01' },
      { item: 'B-NUT', warehouse: 'RM', location: 'A-10' },
      { item: 'C-PIN', warehouse: 'RM', location: 'A-2' },
      { item: 'D-CAP', warehouse: 'RM' },
      { item: 'AA-SEAL', warehouse: 'RM' },
      { item: 'E-WIRE', warehouse: 'FG', location: 'Z-9' },
    ];
    expect(walkingOrder(lines).map((l) => l.item)).toEqual([
      'E-WIRE',
      'C-PIN',
      'B-NUT',
      'A-BOLT',
      'AA-SEAL',
      'D-CAP',
    ]);
  });
});

describe('what a posting moved', () => {
  it('sums per order, item and warehouse, returns counted as returned, zero shares dropped', () => {
    expect(
      postedLines([
        { order: 'MO-1', item: 'P', warehouse: 'RM', qty: '2' },
        { order: 'MO-2', item: 'P', warehouse: 'RM', qty: '3' },
        { order: 'MO-1', item: 'P', warehouse: 'RM', qty: '1.5' },
        {
          order: 'MO-1',
          item: 'S',
          warehouse: 'RM',
          qty: '-4',
          substitute: { for: 'P', covers: '-4' },
        },
        { order: 'MO-2', item: 'Q', warehouse: 'RM', qty: '0' },
      ]),
    ).toEqual([
      { order: 'MO-1', item: 'P', warehouse: 'RM', qty: '3.5' },
      { order: 'MO-2', item: 'P', warehouse: 'RM', qty: '3' },
      { order: 'MO-1', item: 'S', warehouse: 'RM', qty: '4', substituteFor: 'P' },
    ]);
  });
});

import type { PickList } from '@factory/shared';
import { defaultPickQty, pickLines } from './pickList';

const list = (lines: PickList['lines']): PickList => ({ orders: ['MO-1'], lines });
const line = (item: string, warehouse: string, qty: string, available: string) => ({
  item,
  warehouse,
  qty,
  available,
  shares: [{ order: 'MO-1', qty }],
});

describe('pick list', () => {
  it('keeps the server lines, keyed by item, or item@warehouse when an item has two', () => {
    const lines = pickLines(
      list([
        line('PT-MOT40', 'RM', '300', '80'),
        line('PT-GBOX', 'RM', '600', '1000'),
        line('PT-GBOX', 'SUB', '5', '5'),
      ]),
    );
    expect(lines.map((l) => l.key)).toEqual(['PT-MOT40', 'PT-GBOX@RM', 'PT-GBOX@SUB']);
    expect(lines[0]).toEqual({
      key: 'PT-MOT40',
      item: 'PT-MOT40',
      warehouse: 'RM',
      open: '300',
      available: '80',
    });
  });

  it('offers what is open, at most what is in stock, never below zero', () => {
    const [short, plenty, none] = pickLines(
      list([
        line('A', 'RM', '300', '80.5'),
        line('B', 'RM', '2.25', '1000'),
        line('C', 'RM', '4', '-1'),
      ]),
    );
    expect(defaultPickQty(short!)).toBe('80.5');
    expect(defaultPickQty(plenty!)).toBe('2.25');
    expect(defaultPickQty(none!)).toBe('0');
  });
});

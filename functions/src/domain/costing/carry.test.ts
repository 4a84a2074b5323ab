import { aMove, anOrder, aPeriod } from './builders.js';
import { carryForward, withCarried } from './carry.js';
import { costPeriod } from './period.js';

describe('carryForward: one period into the next', () => {
  test('a settlement in the next month adjusts the product’s value there (rule 2)', () => {
    // November: OS-1 receives 100 SA1 at its accrued fee 450.00 plus 200.00 of material.
    const nov = costPeriod(
      aPeriod({
        items: [
          { code: 'SA1', llc: 0 },
          { code: 'RM1', llc: 1 },
        ],
        opening: { stock: [{ item: 'RM1', qty: '20', value: '200.00' }], wip: [] },
        orders: [anOrder('OS-1', 'SA1', { kind: 'outsourcing', qty: '120', fee: '450.00' })],
        moves: [
          aMove('output', 'SA1', '100', { order: 'OS-1', doc: 'RC-1' }),
          aMove('consume', 'RM1', '-20', { order: 'OS-1', doc: 'RC-1', line: 2 }),
        ],
      }),
    );
    expect(nov.items.find((i) => i.item === 'SA1')).toMatchObject({ closingValue: '650.00' });
    const next = carryForward(nov);
    expect(next.opening.stock).toEqual([{ item: 'SA1', qty: '100', value: '650.00' }]);

    // December: the invoice says 470.00, 20.00 more than accrued: a value-only receipt of SA1;
    // 30 are delivered: 670.00 over 30 : 70 → 201.00 and 469.00.
    const dec = costPeriod(
      aPeriod({
        period: { id: '2026-12', from: '2026-12-01', to: '2026-12-31' },
        items: [{ code: 'SA1', llc: 0 }],
        opening: next.opening,
        orders: [
          anOrder('OS-1', 'SA1', { kind: 'outsourcing', qty: '120', receivedBefore: '100' }),
        ],
        moves: [
          aMove('adjustment', 'SA1', '0', { value: '20.00', date: '2026-12-10' }),
          aMove('delivery', 'SA1', '-30', { date: '2026-12-20' }),
        ],
      }),
    );
    expect(dec.items[0]).toMatchObject({
      openingValue: '650.00',
      receiptQty: '0',
      receiptValue: '20.00',
      outValue: '201.00',
      closingValue: '469.00',
      unitCost: '6.7000',
    });
    // Still 20 to come and nothing received: OS-1 keeps what it had in WIP (nothing).
    expect(dec.orders[0]).toMatchObject({ received: '0', wipQty: '20', closingWip: '0.00' });
    expect(dec.reconciliation.difference).toBe('0.00');
  });

  test('WIP by element and unallocated pools go into the next period', () => {
    const pools = [{ code: 'power', basis: 'hours' as const, amount: '30.00' }];
    const nov = costPeriod(
      aPeriod({
        items: [
          { code: 'P', llc: 0 },
          { code: 'RM', llc: 1 },
        ],
        opening: { stock: [{ item: 'RM', qty: '10', value: '10.00' }], wip: [] },
        orders: [anOrder('MO-1', 'P', { qty: '2' })],
        moves: [aMove('issue', 'RM', '-4', { order: 'MO-1' })],
        pools,
      }),
    );
    const next = carryForward(nov);
    expect(next.opening.wip).toEqual([
      { order: 'MO-1', material: '4.00', pools: { power: '0.00' }, fee: '0.00' },
    ]);
    expect([...next.carried]).toEqual([['power', '30.00']]);
    const dec = costPeriod(
      aPeriod({
        period: { id: '2026-12', from: '2026-12-01', to: '2026-12-31' },
        items: [{ code: 'P', llc: 0 }],
        opening: next.opening,
        orders: [anOrder('MO-1', 'P', { qty: '2', hours: '3' })],
        moves: [aMove('output', 'P', '2', { order: 'MO-1', date: '2026-12-05' })],
        pools: withCarried([{ ...pools[0]!, amount: '12.00' }], next.carried),
      }),
    );
    // 4.00 material from November's WIP + 42.00 of power (12.00 + 30.00 carried).
    expect(dec.pools).toEqual([
      { code: 'power', amount: '42.00', allocated: '42.00', unallocated: '0.00' },
    ]);
    expect(dec.orders[0]).toMatchObject({ openingWip: '4.00', completed: '46.00' });
    // In: RM's 6.00 carried, the WIP's 4.00 and 42.00 of expenses.
    expect(dec.reconciliation).toMatchObject({ in: '52.00', difference: '0.00' });
  });
});

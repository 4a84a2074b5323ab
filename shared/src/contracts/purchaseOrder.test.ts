import { zPriceListEntryCreate, zPurchaseOrderCreate } from './purchaseOrder.js';

const pathsOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  r.success ? [] : r.error!.issues.map((i) => i.path.join('.'));

const line = (o: Record<string, unknown> = {}) => ({
  item: 'STEEL',
  qty: '10',
  dueDate: '2026-12-20',
  ...o,
});

describe('purchase order contract', () => {
  it('takes prices with up to 6 decimals and VAT rates below 1', () => {
    const ok = zPurchaseOrderCreate.safeParse({
      supplier: 'S1',
      lines: [
        line(),
        line({ unitPrice: '0.012345', vatRate: '0.13' }),
        line({ unitPrice: '99999999', vatRate: '0' }),
      ],
    });
    expect(pathsOf(ok)).toEqual([]);
  });

  it('names every bad field', () => {
    const bad = zPurchaseOrderCreate.safeParse({
      supplier: 'S 1',
      lines: [
        line({ unitPrice: '1.1234567' }),
        line({ unitPrice: '1000000000.001' }), // more than 2 places needs a price below 10^9
        line({ vatRate: '1' }),
        line({ vatRate: '0.12345' }),
        line({ qty: '0' }),
      ],
    });
    expect(pathsOf(bad)).toEqual([
      'supplier',
      'lines.0.unitPrice',
      'lines.1.unitPrice',
      'lines.2.vatRate',
      'lines.3.vatRate',
      'lines.4.qty',
    ]);
  });

  it('refuses a line whose amount incl. VAT is past the largest amount, at its qty', () => {
    const bad = zPurchaseOrderCreate.safeParse({
      supplier: 'S1',
      lines: [line({ qty: '1', unitPrice: '99999999999.99', vatRate: '0.13' })],
    });
    expect(pathsOf(bad)).toEqual(['lines.0.qty']);
    const total = zPurchaseOrderCreate.safeParse({
      supplier: 'S1',
      lines: [
        line({ qty: '1', unitPrice: '60000000000', vatRate: '0' }),
        line({ qty: '1', unitPrice: '60000000000', vatRate: '0' }),
      ],
    });
    expect(pathsOf(total)).toEqual(['lines']);
  });

  it('a price list entry ends no earlier than it starts; the break defaults to 0', () => {
    const base = { supplier: 'S1', item: 'STEEL', unitPrice: '5', effectiveFrom: '2026-02-01' };
    expect(zPriceListEntryCreate.parse(base).minQty).toBe('0');
    expect(
      pathsOf(zPriceListEntryCreate.safeParse({ ...base, effectiveTo: '2026-01-31' })),
    ).toEqual(['effectiveTo']);
    expect(zPriceListEntryCreate.safeParse({ ...base, effectiveTo: '2026-02-01' }).success).toBe(
      true,
    );
  });
});

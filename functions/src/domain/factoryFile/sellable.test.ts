import type { FactoryFile } from '@factory/shared';
import { sellableItems } from './sellable.js';

type FileItem = FactoryFile['items'][number];
const anItem = (code: string, over: Partial<FileItem> = {}): FileItem => ({
  code,
  name: code,
  unit: 'pcs',
  precision: 0,
  source: 'manufactured',
  strategy: 'mts',
  leadTimeDays: 0,
  safetyStock: '0',
  lotSizing: { rule: 'lotForLot' },
  ...over,
});
const aBom = (parent: string, components: string[]) => ({
  parent,
  version: 'V1',
  lines: components.map((component) => ({ component, qtyPer: '1' })),
});

describe('sellableItems', () => {
  it('derives the end items: not a component of any BOM', () => {
    const file = {
      items: [
        anItem('FG'),
        anItem('SA'),
        anItem('RM', { source: 'purchased' }),
        anItem('TRADE', { source: 'purchased' }),
      ],
      boms: [aBom('FG', ['SA']), aBom('SA', ['RM'])],
    };
    expect([...sellableItems(file)]).toEqual(['FG', 'TRADE']);
  });

  it('counts a substitute as a component', () => {
    const file = {
      items: [anItem('FG'), anItem('RM', { source: 'purchased' }), anItem('RM-B')],
      boms: [
        {
          parent: 'FG',
          version: 'V1',
          lines: [
            {
              component: 'RM',
              qtyPer: '1',
              substitutes: [{ item: 'RM-B', priority: 1, ratio: '1' }],
            },
          ],
        },
      ],
    };
    expect([...sellableItems(file)]).toEqual(['FG']);
  });

  it('never derives a phantom or customer-supplied item as sellable', () => {
    const file = {
      items: [anItem('PH', { source: 'phantom' }), anItem('CS', { source: 'customerSupplied' })],
    };
    expect(sellableItems(file).size).toBe(0);
  });

  it('takes the flag the file gives over the derivation', () => {
    const file = {
      items: [anItem('FG', { sellable: false }), anItem('SPARE', { sellable: true })],
      boms: [aBom('FG', ['SPARE'])],
    };
    expect([...sellableItems(file)]).toEqual(['SPARE']);
  });
});

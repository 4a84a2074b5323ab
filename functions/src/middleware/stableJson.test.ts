import fc from 'fast-check';
import stringify from 'safe-stable-stringify';
import { stableJson } from './stableJson.js';

describe('stableJson', () => {
  it('gives the text safe-stable-stringify gave, so stored request hashes still match', () => {
    const samples: unknown[] = [
      { route: 'stockIssues.create', params: {}, body: '{"lines":[]}' },
      { route: 'items.update', params: { code: 'RM-1', z: 'é\u2028\ud800' }, body: null },
      { b: [1, 'x', null, undefined, { y: 2, x: [true] }], a: undefined, c: -0.5e-7 },
      'text',
      [],
      {},
    ];
    for (const s of samples) expect(stableJson(s)).toBe(stringify(s));
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(stableJson(v)).toBe(stringify(v));
      }),
    );
  });

  it('orders keys, so the same members in another order give the same text', () => {
    expect(stableJson({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
    expect(stableJson(undefined)).toBeUndefined();
  });
});

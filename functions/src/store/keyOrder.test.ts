import { compareKeys } from './keyOrder.js';

describe('compareKeys', () => {
  it('orders keys as DynamoDB does, by their UTF-8 bytes', () => {
    const keys = ['SO-B', 'SO-2026', 'SO-A', 'SO-a', '销售-1', 'SO-\u{1F600}', 'SO-\uFF21', 'SO-A'];
    const byBytes = [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect([...keys].sort(compareKeys)).toEqual(byBytes);
    // Where JavaScript's own order differs: a character beyond the basic plane against U+FF21.
    expect(compareKeys('SO-\u{1F600}', 'SO-\uFF21')).toBeGreaterThan(0);
    expect('SO-\u{1F600}' < 'SO-\uFF21').toBe(true);
    expect(compareKeys('SO-A', 'SO-A')).toBe(0);
  });
});

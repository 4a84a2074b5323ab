import { SubmitKeys } from './submitKey';

describe('the key of one submit', () => {
  let n = 0;
  const keys = () => new SubmitKeys(() => `key-${++n}`);

  test('the same data pressed again while unanswered keeps its key; settled starts anew', () => {
    const k = keys();
    const a = k.keyFor('create', { customer: 'C1', lines: [{ qty: '1' }] });
    expect(k.keyFor('create', { lines: [{ qty: '1' }], customer: 'C1' })).toBe(a);
    k.settled('create');
    expect(k.keyFor('create', { customer: 'C1', lines: [{ qty: '1' }] })).not.toBe(a);
  });

  test('changed data or another action is another submit', () => {
    const k = keys();
    const a = k.keyFor('create', { customer: 'C1' });
    expect(k.keyFor('create', { customer: 'C2' })).not.toBe(a);
    expect(k.keyFor('submit:SO1', { customer: 'C1' })).not.toBe(a);
  });
});

import { Expr } from './expressions.js';

/** Every #name and :value placeholder used in an expression. */
const placeholders = (text: string) => ({
  names: [...new Set(text.match(/#[A-Za-z0-9_]+/g) ?? [])].sort(),
  values: [...new Set(text.match(/:v\d+/g) ?? [])].sort(),
});

describe('Expr', () => {
  test('a name becomes a # placeholder mapped to the attribute', () => {
    const e = new Expr();
    expect(e.name('status')).toBe('#status');
    expect(e.build().ExpressionAttributeNames).toEqual({ '#status': 'status' });
  });

  test('the same name used twice is one placeholder', () => {
    const e = new Expr();
    expect(e.name('qty')).toBe(e.name('qty'));
    expect(e.build().ExpressionAttributeNames).toEqual({ '#qty': 'qty' });
  });

  test('characters a placeholder cannot hold are replaced', () => {
    const e = new Expr();
    expect(e.name('lead-time.days')).toBe('#lead_time_days');
    expect(e.build().ExpressionAttributeNames).toEqual({ '#lead_time_days': 'lead-time.days' });
  });

  test('different attribute names never share a placeholder', () => {
    const e = new Expr();
    const first = e.name('a-b');
    const second = e.name('a.b');
    expect(first).not.toBe(second);
    expect(e.build().ExpressionAttributeNames[first]).toBe('a-b');
  });

  test('every value gets its own numbered placeholder, even an equal one', () => {
    const e = new Expr();
    expect([e.value(1), e.value('x'), e.value(1)]).toEqual([':v0', ':v1', ':v2']);
    expect(e.build().ExpressionAttributeValues).toEqual({ ':v0': 1, ':v1': 'x', ':v2': 1 });
  });

  test('values are kept as given, not stringified', () => {
    const e = new Expr();
    const obj = { amount: 1, scale: 2 };
    e.value(obj);
    e.value(null);
    expect(e.build().ExpressionAttributeValues).toEqual({ ':v0': obj, ':v1': null });
  });

  describe('update', () => {
    test('builds SET, ADD and REMOVE sections in that order', () => {
      const e = new Expr();
      const text = e.update({
        set: { updatedAt: 'now', status: 'posted' },
        add: { qty: 5 },
        remove: ['note'],
      });
      expect(text).toBe('SET #updatedAt = :v0, #status = :v1 ADD #qty :v2 REMOVE #note');
      expect(e.build()).toEqual({
        ExpressionAttributeNames: {
          '#updatedAt': 'updatedAt',
          '#status': 'status',
          '#qty': 'qty',
          '#note': 'note',
        },
        ExpressionAttributeValues: { ':v0': 'now', ':v1': 'posted', ':v2': 5 },
      });
    });

    test('leaves out empty sections', () => {
      expect(new Expr().update({ set: { a: 1 } })).toBe('SET #a = :v0');
      expect(new Expr().update({ add: { q: 1 } })).toBe('ADD #q :v0');
      expect(new Expr().update({ remove: ['a', 'b'] })).toBe('REMOVE #a, #b');
      expect(new Expr().update({})).toBe('');
    });

    test('skips undefined SET values, but keeps null and false', () => {
      const e = new Expr();
      expect(e.update({ set: { a: undefined, b: null, c: false } })).toBe('SET #b = :v0, #c = :v1');
      expect(e.build().ExpressionAttributeNames).toEqual({ '#b': 'b', '#c': 'c' });
    });

    test('a REMOVE-only update has no values', () => {
      const e = new Expr();
      e.update({ remove: ['spec'] });
      expect(e.build()).not.toHaveProperty('ExpressionAttributeValues');
    });

    test('every placeholder in the update and its condition is defined, and nothing else is', () => {
      const e = new Expr();
      const update = e.update({
        set: { status: 'posted', name: 'x' },
        add: { qty: -1 },
        remove: ['size'],
      });
      const condition = `${e.name('qty')} >= ${e.value(1)} AND ${e.name('status')} = ${e.value('posting')}`;
      const parts = e.forUpdate(update, condition);
      const used = placeholders(`${parts.UpdateExpression} ${parts.ConditionExpression}`);
      expect(Object.keys(parts.ExpressionAttributeNames).sort()).toEqual(used.names);
      expect(Object.keys(parts.ExpressionAttributeValues ?? {}).sort()).toEqual(used.values);
    });
  });

  test('forUpdate returns the update with names, values and the condition', () => {
    const e = new Expr();
    const update = e.update({ add: { qty: 3 } });
    const condition = `attribute_not_exists(${e.name('pk')})`;
    expect(e.forUpdate(update, condition)).toEqual({
      UpdateExpression: 'ADD #qty :v0',
      ConditionExpression: 'attribute_not_exists(#pk)',
      ExpressionAttributeNames: { '#qty': 'qty', '#pk': 'pk' },
      ExpressionAttributeValues: { ':v0': 3 },
    });
  });

  test('build leaves out the condition when there is none', () => {
    const e = new Expr();
    e.name('pk');
    expect(e.build()).toEqual({ ExpressionAttributeNames: { '#pk': 'pk' } });
  });

  test('build returns copies: changing them does not change the builder', () => {
    const e = new Expr();
    e.value(1);
    const first = e.build();
    first.ExpressionAttributeNames['#x'] = 'x';
    first.ExpressionAttributeValues![':v9'] = 9;
    expect(e.build()).toEqual({
      ExpressionAttributeNames: {},
      ExpressionAttributeValues: { ':v0': 1 },
    });
  });
});

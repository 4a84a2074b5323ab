import type { FormDefinition } from '@factory/shared';
import { checkFormValues } from './values.js';

const form: Pick<FormDefinition, 'fields' | 'amountField'> = {
  fields: [
    { key: 'title', label: '标题', type: 'text', required: true, max: 10 },
    { key: 'note', label: '说明', type: 'textarea', required: false },
    { key: 'days', label: '天数', type: 'number', required: false, min: 0.5, max: 30 },
    { key: 'cost', label: '金额', type: 'money', required: false, max: 5000 },
    { key: 'day', label: '日期', type: 'date', required: false },
    { key: 'kind', label: '类型', type: 'select', required: true, options: ['甲', '乙'] },
  ],
  amountField: 'cost',
};
const at = ['body', 'values'];
const pathsOf = (v: Record<string, unknown>) =>
  checkFormValues(form, v, at).issues.map((i) => i.path.join('.'));

describe('checkFormValues', () => {
  it('keeps the values in the form order with their labels, and the amount in fen', () => {
    const r = checkFormValues(
      form,
      { kind: '乙', title: ' 出差 ', days: 2.5, cost: '1234.5', day: '2026-12-01', note: '' },
      at,
    );
    expect(r.issues).toEqual([]);
    expect(r.values.map((v) => [v.key, v.label, v.value])).toEqual([
      ['title', '标题', '出差'],
      ['days', '天数', 2.5],
      ['cost', '金额', '1234.5'],
      ['day', '日期', '2026-12-01'],
      ['kind', '类型', '乙'],
    ]);
    expect(r.amountFen).toBe(123450);
  });

  it('names each missing required field (an empty text is missing) and each unknown key', () => {
    expect(pathsOf({ title: '  ', other: 1 })).toEqual([
      'body.values.other',
      'body.values.title',
      'body.values.kind',
    ]);
  });

  it('refuses wrong types and values out of bounds', () => {
    expect(
      pathsOf({
        title: 'x'.repeat(11),
        note: 5,
        days: '2',
        cost: '12.345',
        day: '2026-02-30',
        kind: '丙',
      }),
    ).toEqual([
      'body.values.title',
      'body.values.note',
      'body.values.days',
      'body.values.cost',
      'body.values.day',
      'body.values.kind',
    ]);
    expect(pathsOf({ title: 'a', kind: '甲', days: 0, cost: '5000.01' })).toEqual([
      'body.values.days',
      'body.values.cost',
    ]);
    expect(pathsOf({ title: 'a', kind: '甲', days: Number.NaN })).toEqual(['body.values.days']);
  });
});

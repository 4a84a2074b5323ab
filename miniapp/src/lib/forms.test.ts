import type { FormDefinition } from '@factory/shared';
import { formValues } from './forms';

const form = {
  fields: [
    { key: 'type', label: '类型', type: 'select', required: true, options: ['年假'] },
    { key: 'days', label: '天数', type: 'number', required: true },
    { key: 'reason', label: '事由', type: 'textarea', required: false },
    { key: 'amount', label: '金额', type: 'money', required: false },
  ],
} as Pick<FormDefinition, 'fields'>;

test('values by field type: numbers as numbers, empty fields left out, text trimmed', () => {
  expect(formValues(form, { type: '年假', days: '1.5', reason: ' 看病 ', amount: '' })).toEqual({
    type: '年假',
    days: 1.5,
    reason: '看病',
  });
  // Not a number: sent as typed, for the API to name the field.
  expect(formValues(form, { days: '两天' })).toEqual({ days: '两天' });
});

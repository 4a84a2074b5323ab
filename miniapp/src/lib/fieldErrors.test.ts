import { toFieldErrors, unplacedErrors, withoutFields } from './fieldErrors';

describe('API validation issues -> form fields', () => {
  const issues = [
    { path: ['body', 'customer'], message: '编码只能包含字母、数字和 . _ / -' },
    { path: ['body', 'lines', 0, 'qty'], message: '数量必须大于 0' },
    { path: ['body', 'lines', 0, 'qty'], message: '请输入数字' },
    { path: ['body', 'lines', 1, 'dueDate'], message: '不是有效日期' },
    { path: ['body', 'lines'], message: '至少需要一行' },
    { path: ['body'], message: '请求体无效' },
    { path: ['headers', 'idempotency-key'], message: '格式不正确' },
    { path: ['params', 'no'], message: '单号格式不正确' },
  ];

  test('body paths become dotted field keys, the first message of a field wins', () => {
    expect(toFieldErrors(issues)).toEqual({
      customer: '编码只能包含字母、数字和 . _ / -',
      'lines.0.qty': '数量必须大于 0',
      'lines.1.dueDate': '不是有效日期',
      lines: '至少需要一行',
      _: '请求体无效',
    });
  });

  test('another request part can be asked for; headers are never a field', () => {
    expect(toFieldErrors(issues, 'params')).toEqual({ no: '单号格式不正确' });
    expect(toFieldErrors([{ path: ['customer'], message: 'x' }])).toEqual({ customer: 'x' });
  });

  test('issues no field shows are listed, so none is lost', () => {
    const errors = toFieldErrors(issues);
    const shown = (k: string) => k === 'customer' || k.startsWith('lines');
    expect(unplacedErrors(errors, shown)).toEqual(['请求体无效']);
    // Never the API's field path: a line's issue says which line.
    expect(
      unplacedErrors({ 'lines.5.note': '太长', 'lines.0': '重复', note: '太长' }, () => false),
    ).toEqual(['第 6 行：太长', '第 1 行：重复', '太长']);
  });
});

describe('a field that changes loses its error', () => {
  const errors = {
    customer: '请选择客户',
    'lines.0.qty': '请输入数字',
    'lines.10.qty': 'x',
    lines: 'y',
  };

  test('the field and anything under it go; a field whose key merely starts alike stays', () => {
    expect(withoutFields(errors, ['lines.1'])).toBe(errors);
    expect(withoutFields(errors, ['lines.0'])).toEqual({
      customer: '请选择客户',
      'lines.10.qty': 'x',
      lines: 'y',
    });
    expect(withoutFields(errors, ['customer', 'lines.10.qty'])).toEqual({
      'lines.0.qty': '请输入数字',
      lines: 'y',
    });
    expect(withoutFields(errors, ['lines'])).toEqual({ customer: '请选择客户' });
  });

  test('nothing to drop: the same object, so typing re-renders nothing', () => {
    expect(withoutFields(errors, [])).toBe(errors);
    expect(withoutFields(errors, ['vatRate'])).toBe(errors);
  });
});

import {
  ageInDays,
  ageLabel,
  autoRejected,
  barWidth,
  checkResultDraft,
  checkSplit,
  defaultReportRange,
  dispositionLabel,
  formatPercent,
  inspectionStatusLabel,
  monthLabel,
  personLabel,
  receiptKindLabel,
  shareOfMax,
} from './quality';

describe('labels', () => {
  test('receipt kinds, statuses and dispositions read in Chinese', () => {
    expect(receiptKindLabel('purchase')).toBe('采购入库');
    expect(receiptKindLabel('outsourcing')).toBe('委外入库');
    expect(receiptKindLabel('production')).toBe('生产入库');
    expect(receiptKindLabel('customerReturn')).toBe('销售退货');
    expect(inspectionStatusLabel('open')).toBe('待检');
    expect(inspectionStatusLabel('inspected')).toBe('待处置');
    expect(inspectionStatusLabel('disposed')).toBe('已完成');
    expect(dispositionLabel('returnToSupplier')).toBe('退货');
    expect(dispositionLabel('concession')).toBe('让步接收');
    expect(receiptKindLabel('other')).toBe('other');
  });
  test('months read as 年/月', () => {
    expect(monthLabel('2026-11')).toBe('2026年11月');
    expect(monthLabel('S-WEIDA')).toBe('S-WEIDA');
  });
});

describe('age of an inspection order', () => {
  test('whole days in Shanghai: opened late on the 28th, seen early on 1 December', () => {
    // 2026-11-28 23:30 Shanghai is 15:30Z; 2026-12-01 08:30 Shanghai is 00:30Z.
    expect(ageInDays('2026-11-28T15:30:00.000Z', new Date('2026-12-01T00:30:00.000Z'))).toBe(3);
    expect(ageInDays('2026-12-01T00:00:00.000Z', new Date('2026-12-01T00:30:00.000Z'))).toBe(0);
  });
  test('a clock behind the opening time or a bad time is no age', () => {
    expect(ageInDays('2026-12-02T00:00:00.000Z', new Date('2026-12-01T00:00:00.000Z'))).toBe(0);
    expect(ageInDays('nonsense', new Date())).toBe(0);
  });
  test('labels', () => {
    expect(ageLabel(0)).toBe('今天开单');
    expect(ageLabel(3)).toBe('已等待 3 天');
  });
});

describe('rejected filled in from accepted', () => {
  test('the rest of the lot, exactly', () => {
    expect(autoRejected('100', '80', '')).toBe('20');
    expect(autoRejected('12.5', '0.3', '')).toBe('12.2');
    expect(autoRejected('100', '100', '5')).toBe('0');
  });
  test('not a number, negative or above the lot: rejected stays as it was', () => {
    expect(autoRejected('100', '', '7')).toBe('7');
    expect(autoRejected('100', 'abc', '7')).toBe('7');
    expect(autoRejected('100', '-1', '7')).toBe('7');
    expect(autoRejected('100', '101', '7')).toBe('7');
  });
});

describe('result checks mirror the server', () => {
  const ok = { sampled: '10', accepted: '80', rejected: '20', defects: [{ code: 'D1', qty: '2' }] };
  test('a good result has no problems', () => {
    expect(checkResultDraft('100', ok, '8')).toEqual({});
    expect(checkResultDraft('100', { ...ok, accepted: '100', rejected: '0', defects: [] })).toEqual(
      {},
    );
  });
  test('accepted + rejected must be the quantity: said under accepted', () => {
    expect(checkResultDraft('100', { ...ok, rejected: '30' }).accepted).toBe(
      '合格数量 80 + 不合格数量 30 = 110，应等于检验数量 100',
    );
  });
  test('rejected quantity needs a defect; defect lines need a code and a quantity within the sample', () => {
    expect(checkResultDraft('100', { ...ok, defects: [] }).defects).toBe(
      '有不合格数量时，请至少登记一项缺陷',
    );
    const e = checkResultDraft('100', {
      ...ok,
      defects: [
        { code: '', qty: '1' },
        { code: 'D1', qty: '11' },
        { code: 'D1', qty: '0' },
      ],
    });
    expect(e['defects.0.code']).toBe('请选择缺陷');
    expect(e['defects.1.qty']).toBe('缺陷数量 11 不能超过抽样数量 10');
    expect(e['defects.2.qty']).toBe('请填写缺陷数量（大于 0）');
    expect(e['defects.2.code']).toBe('缺陷代码 D1 重复');
  });
  test('the sample: positive, within the lot, not below the plan', () => {
    expect(checkResultDraft('100', { ...ok, sampled: '' }).sampled).toBe(
      '请填写抽样数量（大于 0）',
    );
    expect(checkResultDraft('100', { ...ok, sampled: '101' }).sampled).toBe(
      '抽样数量 101 不能超过检验数量 100',
    );
    expect(checkResultDraft('100', { ...ok, sampled: '5' }, '8').sampled).toBe(
      '按检验方案，抽样数量不少于 8',
    );
  });
  test('empty accepted or rejected are named', () => {
    const e = checkResultDraft('100', { ...ok, accepted: '', rejected: 'x' });
    expect(e.accepted).toBe('请填写合格数量');
    expect(e.rejected).toBe('请填写不合格数量');
  });
});

describe('disposition split', () => {
  test('filled kinds summing to the undisposed quantity make the lines, in form order', () => {
    expect(checkSplit('20', { scrap: '5', returnToSupplier: '15', rework: ' ' })).toEqual({
      errors: {},
      lines: [
        { kind: 'returnToSupplier', qty: '15' },
        { kind: 'scrap', qty: '5' },
      ],
      total: '20',
    });
  });
  test('a sum off the undisposed quantity, nothing filled, or a bad quantity are named', () => {
    expect(checkSplit('20', { scrap: '5' }).errors).toEqual({
      lines: '处置数量合计 5 应等于待处置数量 20',
    });
    expect(checkSplit('20', {}).errors).toEqual({ lines: '请至少填写一项处置' });
    expect(checkSplit('20', { scrap: '0', concession: '20' }).errors).toEqual({
      scrap: '数量应大于 0',
    });
  });
});

describe('report numbers', () => {
  test('ratios as percentages with two decimals, half up; null is a dash', () => {
    expect(formatPercent('0.8')).toBe('80.00%');
    expect(formatPercent('0.12345')).toBe('12.35%');
    expect(formatPercent('1')).toBe('100.00%');
    expect(formatPercent('0.0001', 1)).toBe('0.0%');
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(undefined)).toBe('—');
  });
  test('bar widths stay within 0 to 100%', () => {
    expect(barWidth('0.8')).toBe('80%');
    expect(barWidth('1.2')).toBe('100%');
    expect(barWidth(null)).toBe('0%');
    expect(shareOfMax('5', '20')).toBe('25%');
    expect(shareOfMax('5', '0')).toBe('0%');
  });
  test('the default range is six months back to today', () => {
    expect(defaultReportRange(new Date(2026, 11, 1))).toEqual({
      from: '2026-06-01',
      to: '2026-12-01',
    });
    expect(defaultReportRange(new Date(2026, 7, 31))).toEqual({
      from: '2026-02-28',
      to: '2026-08-31',
    });
  });
});

test('my own entries show my name; others their userid', () => {
  expect(personLabel('zhaomin', { user: 'zhaomin', name: '赵敏（质检）' })).toBe('赵敏（质检）');
  expect(personLabel('lihua', { user: 'zhaomin', name: '赵敏（质检）' })).toBe('lihua');
  expect(personLabel('zhaomin')).toBe('zhaomin');
});

import type { TaskNeed } from '@factory/shared';
import { placeReturnIssues, returnLines, returnQtyError, returnRequestLines } from './returns';

const need = (item: string, warehouse: string, issued: string): TaskNeed => ({
  item,
  warehouse,
  issued,
  qtyPer: '1',
  lossRate: '0',
  required: '10',
  issueMethod: 'manual',
});

describe('return lines', () => {
  it('sums what was issued per item and warehouse (exactly), leaving out what was not issued', () => {
    const lines = returnLines({
      needs: [
        need('PT-GBOX', 'RM', '0.1'),
        need('PT-MOT40', 'RM', '0'),
        need('PT-GBOX', 'RM', '0.2'),
        need('PT-CAP12', 'RM', '12.5'),
      ],
    });
    expect(lines).toEqual([
      { key: 'PT-GBOX', item: 'PT-GBOX', warehouse: 'RM', issued: '0.3' },
      { key: 'PT-CAP12', item: 'PT-CAP12', warehouse: 'RM', issued: '12.5' },
    ]);
  });

  it("lists what was issued as a substitute apart, and the component's own issue without it", () => {
    const lines = returnLines({
      needs: [
        {
          ...need('PT-MOT40', 'RM', '500'),
          substituted: [{ item: 'PT-MOT40B', warehouse: 'RM', qty: '120', covers: '120' }],
        },
      ],
    });
    expect(lines).toEqual([
      { key: 'PT-MOT40', item: 'PT-MOT40', warehouse: 'RM', issued: '380' },
      {
        key: 'PT-MOT40B>PT-MOT40',
        item: 'PT-MOT40B',
        warehouse: 'RM',
        issued: '120',
        substituteFor: 'PT-MOT40',
      },
    ]);
    const sent = returnRequestLines(lines, { 'PT-MOT40B>PT-MOT40': '20' });
    expect(sent).toEqual({
      ok: true,
      lines: [{ item: 'PT-MOT40B', warehouse: 'RM', qty: '20', substituteFor: 'PT-MOT40' }],
    });
  });

  it('keys an item issued from two warehouses by item@warehouse', () => {
    const lines = returnLines({ needs: [need('KB', 'RM', '3'), need('KB', 'SUB', '2')] });
    expect(lines.map((l) => l.key)).toEqual(['KB@RM', 'KB@SUB']);
  });
});

describe('return quantity check', () => {
  it('accepts blank (not returned) and up to what was issued', () => {
    expect(returnQtyError('', '5')).toBeUndefined();
    expect(returnQtyError(' 5 ', '5')).toBeUndefined();
    expect(returnQtyError('0.3', '0.3')).toBeUndefined();
  });

  it('refuses more than was issued, zero, negatives and text, in zh-CN', () => {
    expect(returnQtyError('5.01', '5')).toBe('退料 5.01 超过已领 5');
    expect(returnQtyError('0', '5')).toBe('请输入大于 0 的数量');
    expect(returnQtyError('-1', '5')).toBe('请输入大于 0 的数量');
    expect(returnQtyError('1e2', '500')).toBe('请输入大于 0 的数量');
  });

  it('builds the request lines of the entered quantities, or every line problem', () => {
    const lines = returnLines({ needs: [need('A', 'RM', '10'), need('B', '', '4')] });
    expect(returnRequestLines(lines, { A: '2.5', B: '' })).toEqual({
      ok: true,
      lines: [{ item: 'A', warehouse: 'RM', qty: '2.5' }],
    });
    expect(returnRequestLines(lines, { B: '4' })).toEqual({
      ok: true,
      lines: [{ item: 'B', qty: '4' }],
    });
    const bad = returnRequestLines(lines, { A: '11', B: 'x' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors).toEqual({ A: '退料 11 超过已领 10', B: '请输入大于 0 的数量' });
    const none = returnRequestLines(lines, {});
    expect(!none.ok && none.message).toBe('请填写要退的物料数量');
  });

  it("places the API's issues on the lines sent, the rest as general messages", () => {
    const lines = returnLines({ needs: [need('A', 'RM', '10'), need('B', 'RM', '4')] });
    const sent = [{ item: 'B', warehouse: 'RM', qty: '5' }];
    expect(
      placeReturnIssues(sent, lines, [
        { path: ['body', 'lines', 0, 'qty'], message: '物料 B 退料 5 超过已领 4' },
        { path: ['body', 'date'], message: '日期无效' },
      ]),
    ).toEqual({ errors: { B: '物料 B 退料 5 超过已领 4' }, other: ['日期无效'] });
  });
});

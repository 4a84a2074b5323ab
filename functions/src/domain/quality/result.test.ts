import { aDefect, aResult, aResultInput, anInspectionOrder, resultFacts } from './builders.js';
import { checkResult, checkReversal, reversingResult, statusAfterResult } from './result.js';

const messages = (r: ReturnType<typeof checkResult>) =>
  r.ok ? [] : r.issues.map((i) => [i.path.join('.'), i.message]);

describe('checkResult', () => {
  test('accepts a result whose accepted + rejected is the line, exactly', () => {
    // 95.5 + 4.5 = 100 = the order's quantity.
    expect(checkResult(anInspectionOrder(), aResultInput(), resultFacts())).toEqual({ ok: true });
    // 0.1 + 0.2 = 0.3 exactly (no floating point).
    expect(
      checkResult(
        anInspectionOrder({ qty: '0.3' }),
        aResultInput({
          sampled: '0.3',
          accepted: '0.1',
          rejected: '0.2',
          defects: [{ code: 'DIM', qty: '0.2' }],
        }),
        resultFacts(),
      ),
    ).toEqual({ ok: true });
  });

  test('refuses a sum that is not the line, naming the numbers', () => {
    expect(
      messages(checkResult(anInspectionOrder(), aResultInput({ accepted: '95' }), resultFacts())),
    ).toEqual([['body.accepted', '合格数量 95 + 不合格数量 4.5 = 99.5，应等于检验数量 100']]);
  });

  test('refuses inspecting a line twice, and nothing else is checked then', () => {
    expect(
      messages(
        checkResult(
          anInspectionOrder({ status: 'inspected', result: 'QR-1' }),
          aResultInput({ accepted: '1' }),
          resultFacts(),
        ),
      ),
    ).toEqual([['body', '检验单 QC-1 已检验，不能重复检验；如结果有误，请先冲销原结果']]);
    expect(
      checkResult(anInspectionOrder({ status: 'disposed' }), aResultInput(), resultFacts()).ok,
    ).toBe(false);
  });

  test('the sample is within the lot and not below the plan', () => {
    expect(
      messages(checkResult(anInspectionOrder(), aResultInput({ sampled: '100.5' }), resultFacts())),
    ).toEqual([['body.sampled', '抽样数量 100.5 不能超过检验数量 100']]);
    expect(
      messages(
        checkResult(
          anInspectionOrder(),
          aResultInput({ sampled: '9' }),
          resultFacts({ requiredSample: '10' }),
        ),
      ),
    ).toEqual([['body.sampled', '按检验方案，抽样数量不少于 10']]);
  });

  test('quantities fit the item precision', () => {
    expect(
      messages(
        checkResult(
          anInspectionOrder(),
          aResultInput({ accepted: '95.5', rejected: '4.5' }),
          resultFacts({ precision: 0 }),
        ),
      ),
    ).toEqual([
      ['body.accepted', '物料 STEEL 的数量必须是整数'],
      ['body.rejected', '物料 STEEL 的数量必须是整数'],
    ]);
  });

  test('defect codes: known, active, in the plan; quantities within the sample', () => {
    const facts = resultFacts({
      defects: new Map(
        [aDefect(), aDefect({ code: 'OLD', active: false }), aDefect({ code: 'DIM' })].map((d) => [
          d.code,
          d,
        ]),
      ),
      planDefects: ['SCRATCH', 'OLD'],
    });
    expect(
      messages(
        checkResult(
          anInspectionOrder(),
          aResultInput({
            defects: [
              { code: 'NOPE', qty: '1' },
              { code: 'OLD', qty: '1' },
              { code: 'DIM', qty: '1' },
              { code: 'SCRATCH', qty: '10.001' },
            ],
          }),
          facts,
        ),
      ),
    ).toEqual([
      ['body.defects.0.code', '缺陷代码不存在：NOPE'],
      ['body.defects.1.code', '缺陷代码已停用：OLD'],
      ['body.defects.2.code', '缺陷代码 DIM 不在物料 STEEL 的检验方案中'],
      ['body.defects.3.qty', '缺陷数量 10.001 不能超过抽样数量 10'],
    ]);
  });

  test('rejected quantity names a defect; a fully accepted lot may have none', () => {
    expect(
      messages(checkResult(anInspectionOrder(), aResultInput({ defects: [] }), resultFacts())),
    ).toEqual([['body.defects', '有不合格数量时，请至少登记一项缺陷']]);
    expect(
      checkResult(
        anInspectionOrder(),
        aResultInput({ accepted: '100', rejected: '0', defects: [] }),
        resultFacts(),
      ).ok,
    ).toBe(true);
  });
});

describe('statusAfterResult', () => {
  test('inspected while rejected quantity awaits dispositions, else disposed', () => {
    expect(statusAfterResult({ rejected: '4.5' })).toBe('inspected');
    expect(statusAfterResult({ rejected: '0' })).toBe('disposed');
  });
});

describe('checkReversal', () => {
  const inspected = anInspectionOrder({ status: 'inspected', result: 'QR-1' });

  test('reverses the result in force of an order not yet disposed', () => {
    expect(checkReversal(inspected, aResult())).toEqual({ ok: true });
  });

  test('refuses a missing, reversed, reversing, superseded or disposed result', () => {
    const why = (order: typeof inspected, result: ReturnType<typeof aResult> | undefined) => {
      const r = checkReversal(order, result);
      return r.ok ? '' : r.issues[0]!.message;
    };
    expect(why(inspected, undefined)).toBe('检验单 QC-1 没有这条检验结果');
    expect(why(inspected, aResult({ order: 'QC-2' }))).toBe('检验单 QC-1 没有这条检验结果');
    expect(why(inspected, aResult({ reversedBy: 'QR-2' }))).toBe('检验结果已被 QR-2 冲销');
    expect(why(inspected, aResult({ reverses: 'QR-0' }))).toBe('冲销记录不能再冲销');
    expect(why(anInspectionOrder({ status: 'inspected', result: 'QR-3' }), aResult())).toBe(
      '检验结果 QR-1 不是检验单的当前结果',
    );
    const disposed = { ...anInspectionOrder({ status: 'disposed', result: 'QR-1' }) };
    expect(
      why({ ...disposed, dispositions: [{ kind: 'scrap' }] } as typeof inspected, aResult()),
    ).toBe('检验单 QC-1 已处置，不能再冲销检验结果');
  });

  test('a result that accepted everything (disposed with no disposition) may be reversed', () => {
    const accepted = anInspectionOrder({ status: 'disposed', result: 'QR-1' });
    expect(checkReversal({ ...accepted, dispositions: [] }, aResult())).toEqual({ ok: true });
  });

  test('the reversing result carries the quantities and names the reversed one', () => {
    expect(reversingResult(aResult(), 'QR-2', 'qc2', '2026-12-02T00:00:00.000Z', '录错')).toEqual({
      ...aResult(),
      id: 'QR-2',
      inspector: 'qc2',
      at: '2026-12-02T00:00:00.000Z',
      note: '录错',
      reverses: 'QR-1',
    });
  });
});

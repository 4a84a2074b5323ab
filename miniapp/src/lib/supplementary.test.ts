import type { Approval } from '@factory/shared';
import {
  approvalStepText,
  defaultWarehouse,
  supplementaryBlankErrors,
  supplementaryItemOptions,
  supplementaryStateText,
} from './supplementary';

const needs = [
  { item: 'PT-MOT40', warehouse: 'RM' },
  { item: 'PT-GBOX', warehouse: 'RM' },
  { item: 'PT-MOT40', warehouse: 'SUB' },
];

describe('supplementary item options', () => {
  it("offers the order's components first, then other active items found, each once", () => {
    const found = [
      { code: 'PT-CAP12', name: '电容', active: true },
      { code: 'PT-MOT40', name: '电机', active: true },
      { code: 'PT-OLD', name: '停用件', active: false },
    ];
    expect(supplementaryItemOptions(needs, '', found, { 'PT-GBOX': '齿轮箱' })).toEqual([
      { value: 'PT-MOT40', label: 'PT-MOT40 电机', hint: '本单用料 · 仓库 RM' },
      { value: 'PT-GBOX', label: 'PT-GBOX 齿轮箱', hint: '本单用料 · 仓库 RM' },
      { value: 'PT-CAP12', label: 'PT-CAP12 电容' },
    ]);
  });

  it("filters the order's components by the text typed (code or name, any case)", () => {
    const options = supplementaryItemOptions(needs, 'gbox', []);
    expect(options.map((o) => o.value)).toEqual(['PT-GBOX']);
    expect(supplementaryItemOptions(needs, '齿轮', [], { 'PT-GBOX': '齿轮箱' })).toHaveLength(1);
  });

  it("defaults the warehouse to the item's first need on the order", () => {
    expect(defaultWarehouse(needs, 'PT-MOT40')).toBe('RM');
    expect(defaultWarehouse(needs, 'PT-CAP12')).toBe('');
  });
});

describe('supplementary state', () => {
  const approval = (status: Approval['status']): Parameters<typeof approvalStepText>[0] => ({
    status,
    currentStep: 1,
    steps: [
      {
        step: 1,
        name: '补料审批',
        roles: ['supervisor', 'manager'],
        users: [],
        approvers: ['liuyang', 'zhoujun'],
        status: status === 'pending' ? 'pending' : 'approved',
        ...(status === 'pending' ? {} : { decidedBy: 'liuyang' }),
      },
    ] as Approval['steps'],
  });

  it('says what the request waits for, or how it ended', () => {
    expect(supplementaryStateText({ status: 'pending' })).toBe('已提交审批，等待审批');
    expect(supplementaryStateText({ status: 'pending' }, { status: 'approved' })).toBe(
      '已批准，补料已过账',
    );
    expect(supplementaryStateText({ status: 'pending' }, { status: 'rejected' })).toBe(
      '审批已驳回，未领料',
    );
    expect(supplementaryStateText({ status: 'posted', stockDocument: 'CK-1' })).toBe(
      '已批准，补料已过账（CK-1）',
    );
  });

  it('names the step and its approvers while pending, the decider after', () => {
    expect(approvalStepText(approval('pending'))).toBe('补料审批：待审批（liuyang、zhoujun）');
    expect(approvalStepText(approval('approved'))).toBe('补料审批：已同意（liuyang）');
  });
});

describe('supplementary blank fields', () => {
  it('asks for the item and the reason before anything is sent', () => {
    expect(supplementaryBlankErrors({ reason: ' ' })).toEqual({
      item: '请选择要补的物料',
      reason: '请填写补料原因',
    });
    expect(supplementaryBlankErrors({ item: 'PT-HUB', reason: '报废' })).toEqual({});
  });
});

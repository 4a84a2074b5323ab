import { receiptAllowance } from './receipts';

describe('the allowance path of a refused production receipt', () => {
  test('a receipt above the good reported: a supervisor may allow it, a clerk is told who can', () => {
    expect(receiptAllowance('receipt.aboveReported', ['supervisor'])).toMatchObject({
      flag: 'allowAboveReported',
      mayAllow: true,
    });
    const clerk = receiptAllowance('receipt.aboveReported', ['warehouse']);
    expect(clerk).toMatchObject({ flag: 'allowAboveReported', mayAllow: false });
    expect(clerk?.hint).toContain('请先报工');
  });

  test('beyond the order quantity needs its own allowance; other refusals have none', () => {
    expect(receiptAllowance('receipt.overReceipt', ['manager'])).toMatchObject({
      flag: 'allowOverReceipt',
      mayAllow: true,
    });
    expect(receiptAllowance('stock.insufficient', ['supervisor'])).toBeUndefined();
  });
});

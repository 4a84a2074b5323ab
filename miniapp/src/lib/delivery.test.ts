import type { DeliverableLine } from '@factory/shared';
import {
  checkDeliveryScan,
  deliveryBody,
  deliveryErrorText,
  itemLabel,
  pickedIssues,
  unitLabel,
} from './delivery';

const aLine = (o: Partial<DeliverableLine> = {}): DeliverableLine => ({
  salesOrder: 'SO-1',
  line: 1,
  item: 'FAN',
  itemName: '落地扇',
  unit: 'pcs',
  unitName: '个',
  qty: '10',
  delivered: '4',
  open: '6',
  dueDate: '2026-12-20',
  warehouse: 'FG',
  ...o,
});

describe('delivery picking', () => {
  it('labels lines by name and unit name', () => {
    expect(itemLabel(aLine())).toBe('落地扇');
    expect(itemLabel(aLine({ itemName: undefined }))).toBe('FAN');
    expect(unitLabel(aLine())).toBe('个');
  });

  it('refuses quantities that are not positive or above what is open', () => {
    const lines = [aLine(), aLine({ line: 2 }), aLine({ line: 3 })];
    expect(pickedIssues(lines, { 'SO-1-1': '6', 'SO-1-2': '6.5', 'SO-1-3': '0' })).toEqual({
      'SO-1-2': '超过未发数量 6个',
      'SO-1-3': '请输入大于 0 的数量',
    });
  });

  it('ships the scanned lines from their warehouses', () => {
    const lines = [aLine(), aLine({ line: 2, warehouse: undefined })];
    expect(deliveryBody('C1', lines, { 'SO-1-2': ' 2 ' }, '2026-12-01')).toEqual({
      customer: 'C1',
      date: '2026-12-01',
      lines: [{ salesOrder: 'SO-1', line: 2, qty: '2' }],
    });
  });
});

describe('delivery scans', () => {
  const lines = [aLine(), aLine({ line: 2, item: 'LAMP', itemName: '台灯' })];
  const labels = {
    items: { FAN: { name: '落地扇', barcode: '6901234567890' } },
    locations: [
      { code: 'FG', name: '成品仓' },
      { code: 'RM', name: '原料仓', barcode: 'LOC-RM' },
    ],
  };
  it('confirms the item by barcode or code, and the location by its label', () => {
    expect(checkDeliveryScan('6901234567890', lines[0]!, lines, labels)).toEqual({
      ok: true,
      confirms: 'item',
    });
    expect(checkDeliveryScan(' fan ', lines[0]!, lines, labels).ok).toBe(true);
    expect(checkDeliveryScan('FG', lines[0]!, lines, labels)).toEqual({
      ok: true,
      confirms: 'location',
    });
  });
  it('refuses another line, another location and unknown codes by name', () => {
    expect(checkDeliveryScan('LAMP', lines[0]!, lines, labels)).toEqual({
      ok: false,
      message: '扫错了：本行是 落地扇，扫到的是 台灯，请核对后重扫',
    });
    expect(checkDeliveryScan('LOC-RM', lines[0]!, lines, labels)).toEqual({
      ok: false,
      message: '库位不对：落地扇 应从 FG 发货（扫到的是 原料仓）',
    });
    expect(checkDeliveryScan('X1', lines[0]!, lines, labels)).toEqual({
      ok: false,
      message: '扫错了：本行是 落地扇，条码 X1 不是待发货的物料',
    });
    expect(checkDeliveryScan(' ', lines[0]!, lines, labels).ok).toBe(false);
  });
});

describe('refusals', () => {
  it('names short stock by item and warehouse names', () => {
    const lines = [aLine({ warehouseName: '成品仓' })];
    expect(
      deliveryErrorText(
        {
          code: 'stock.insufficient',
          message: '库存不足：物料 FAN 在仓库 FG 可用 2，需要 5',
          details: {
            shortages: [{ item: 'FAN', warehouse: 'FG', available: '2', requested: '5' }],
          },
        },
        lines,
      ),
    ).toBe('库存不足：落地扇 在 成品仓 可发 2个，本次 5');
    expect(deliveryErrorText({ code: 'delivery.overDelivery', message: '超了' }, lines)).toBe(
      '超了',
    );
  });
});

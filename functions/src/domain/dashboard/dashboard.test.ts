import { fenMoney, type Shortage } from '@factory/shared';
import {
  bucketOf,
  bucketsBetween,
  chartRange,
  isoWeekKey,
  ordersChart,
  productionSummary,
  qualityChart,
  shortageSummary,
  costSummary,
} from './index.js';

describe('buckets', () => {
  it('names ISO weeks by the year of their Thursday', () => {
    expect(isoWeekKey('2026-12-01')).toBe('2026-W49');
    expect(isoWeekKey('2026-11-30')).toBe('2026-W49'); // a Monday
    expect(isoWeekKey('2026-11-29')).toBe('2026-W48'); // a Sunday
    expect(isoWeekKey('2026-12-31')).toBe('2026-W53');
    expect(isoWeekKey('2027-01-03')).toBe('2026-W53');
    expect(isoWeekKey('2027-01-04')).toBe('2027-W01');
    expect(isoWeekKey('2025-12-29')).toBe('2026-W01');
  });

  it('widens a range to whole weeks or months', () => {
    expect(bucketOf('2026-12-01', 'week')).toEqual({
      key: '2026-W49',
      from: '2026-11-30',
      to: '2026-12-06',
    });
    expect(bucketOf('2024-02-10', 'month')).toEqual({
      key: '2024-02',
      from: '2024-02-01',
      to: '2024-02-29',
    });
    expect(bucketsBetween('2026-11-25', '2026-12-01', 'week').map((b) => b.key)).toEqual([
      '2026-W48',
      '2026-W49',
    ]);
    expect(bucketsBetween('2026-11-30', '2027-01-01', 'month').map((b) => b.key)).toEqual([
      '2026-11',
      '2026-12',
      '2027-01',
    ]);
  });

  it('defaults to the last 8 weeks or 6 months up to today', () => {
    const weeks = chartRange({ by: 'week' }, '2026-12-01');
    expect(weeks.buckets).toHaveLength(8);
    expect(weeks.to).toBe('2026-12-06');
    expect(weeks.from).toBe('2026-10-12');
    const months = chartRange({ by: 'month' }, '2026-03-15');
    expect(months.buckets.map((b) => b.key)).toEqual([
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
  });
});

describe('orders chart', () => {
  const buckets = bucketsBetween('2026-11-23', '2026-12-06', 'week');

  it('counts confirmed and closed orders by order date, deliveries by date, with their documents', () => {
    const chart = ordersChart(
      'week',
      buckets,
      [
        { no: 'SO1', status: 'confirmed', orderDate: '2026-11-29', totalFen: 10_000 },
        { no: 'SO2', status: 'closed', orderDate: '2026-11-30', totalFen: 25_050 },
        { no: 'SO3', status: 'draft', orderDate: '2026-11-30', totalFen: 99 },
        { no: 'SO4', status: 'pending', orderDate: '2026-12-01', totalFen: 99 },
        { no: 'SO5', status: 'confirmed', orderDate: '2026-12-07', totalFen: 99 },
        { no: 'SO6', status: 'confirmed', totalFen: 99 },
      ],
      [{ no: 'DL1', date: '2026-12-06', amountFen: 5_001 }],
    );
    expect(chart.buckets.map((b) => [b.key, b.booked.count, b.booked.amount.amount])).toEqual([
      ['2026-W48', 1, 10_000],
      ['2026-W49', 1, 25_050],
    ]);
    expect(chart.buckets[1]!.booked.docs).toEqual([
      { no: 'SO2', date: '2026-11-30', amount: fenMoney(25_050) },
    ]);
    expect(chart.buckets[1]!.delivered).toMatchObject({ count: 1, amount: fenMoney(5_001) });
    expect(chart.total).toEqual({
      booked: { count: 2, amount: fenMoney(35_050) },
      delivered: { count: 1, amount: fenMoney(5_001) },
    });
  });

  it('answers empty buckets with zero', () => {
    const chart = ordersChart('week', buckets, [], []);
    expect(chart.buckets[0]!.booked).toEqual({ count: 0, amount: fenMoney(0), docs: [] });
  });
});

describe('production summary', () => {
  const order = (no: string, status: string, dueDate: string, completedOn?: string) => ({
    no,
    item: 'P',
    qty: '10',
    dueDate,
    status,
    ...(completedOn ? { completedOn } : {}),
  });

  it('counts open, late (due before today) and completed within the range', () => {
    const out = productionSummary('2026-12-01', { from: '2026-12-01', to: '2026-12-31' }, [
      order('T1', 'released', '2026-11-30'),
      order('T2', 'open', '2026-12-01'),
      order('T3', 'inProgress', '2026-12-05'),
      order('T4', 'planned', '2026-11-01'),
      order('T5', 'completed', '2026-11-20', '2026-12-01'),
      order('T6', 'completed', '2026-11-20', '2026-11-30'),
      order('T7', 'closed', '2026-11-01'),
    ]);
    expect(out.open.orders.map((o) => o.no)).toEqual(['T1', 'T2', 'T3']);
    expect(out.late.orders.map((o) => o.no)).toEqual(['T1']);
    expect(out.completed.orders.map((o) => o.no)).toEqual(['T5']);
    expect(out.open.orders[1]!.status).toBe('released');
    expect([out.open.count, out.late.count, out.completed.count]).toEqual([3, 1, 1]);
  });
});

describe('shortage summary', () => {
  const component = (item: string, short: string) => ({
    item,
    needed: '10',
    allocated: '0',
    short,
    cover: [],
  });
  it('sums each item short over the orders, largest first', () => {
    const shortage = {
      date: '2026-12-01',
      orders: [
        {
          no: 'T1',
          item: 'P',
          qty: '1',
          dueDate: '2026-12-02',
          status: 'short',
          completeWithCover: false,
          components: [component('A', '1.5'), component('B', '0')],
        },
        {
          no: 'T2',
          item: 'P',
          qty: '1',
          dueDate: '2026-12-03',
          status: 'short',
          completeWithCover: false,
          components: [component('A', '2'), component('C', '4')],
        },
        {
          no: 'T3',
          item: 'P',
          qty: '1',
          dueDate: '2026-12-03',
          status: 'complete',
          completeWithCover: true,
          components: [component('B', '0')],
        },
      ],
    } as unknown as Shortage;
    const out = shortageSummary(shortage, new Map([['A', '聚丙烯']]));
    expect(out).toEqual({
      date: '2026-12-01',
      orderCount: 2,
      itemCount: 2,
      items: [
        { item: 'C', short: '4', orders: ['T2'] },
        { item: 'A', name: '聚丙烯', short: '3.5', orders: ['T1', 'T2'] },
      ],
    });
  });
});

describe('quality chart', () => {
  const fact = (
    order: string,
    date: string,
    accepted: string,
    rejected: string,
    reversed = false,
  ) => ({
    order,
    item: 'I',
    date,
    accepted,
    rejected,
    defects: [],
    ...(reversed ? { reversed } : {}),
  });
  it('counts pass rate per bucket by the quality reports’ rule, reversed results left out', () => {
    const buckets = bucketsBetween('2026-11-23', '2026-12-06', 'week');
    const out = qualityChart('week', buckets, [
      fact('IN1', '2026-11-24', '90', '10'),
      fact('IN2', '2026-12-01', '50', '0'),
      fact('IN3', '2026-12-02', '1', '1', true),
    ]);
    expect(
      out.buckets.map((b) => [b.key, b.inspected, b.accepted, b.passRate, b.inspections]),
    ).toEqual([
      ['2026-W48', '100', '90', '0.9', ['IN1']],
      ['2026-W49', '50', '50', '1', ['IN2']],
    ]);
    expect(out.total).toEqual({
      inspected: '150',
      accepted: '140',
      rejected: '10',
      passRate: '0.9333',
    });
    expect(qualityChart('week', buckets, []).total.passRate).toBeNull();
  });
});

describe('cost summary', () => {
  it('says so when nothing is costed yet', () => {
    expect(costSummary(undefined)).toEqual({ period: null, status: null, products: [] });
  });
});

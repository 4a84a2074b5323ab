import {
  bookedOn,
  businessDay,
  businessHour,
  dayLabel,
  deliveredOn,
  digestLines,
  digestText,
  dueSubscribers,
  lateOrders,
  shiftDay,
  shortages,
  type DigestFacts,
} from './index.js';

const DAY = '2026-11-30';
/** The tests' business clock (tests/testClock.ts): 08:30 on 1 December in Shanghai. */
const TEST_NOW = new Date('2026-12-01T00:30:00Z');

function someFacts(overrides: Partial<DigestFacts> = {}): DigestFacts {
  return {
    day: DAY,
    booked: { count: 2, amountFen: 123_456_789 },
    delivered: { count: 1, amountFen: 225_887 },
    late: { count: 1, first: ['MO-0001'] },
    shortages: { orders: 1, items: 2 },
    waitingOnMe: 3,
    ...overrides,
  };
}

describe('the business clock', () => {
  it('reads the day and hour in Shanghai (UTC+8)', () => {
    expect(businessDay(TEST_NOW)).toBe('2026-12-01');
    expect(businessHour(TEST_NOW)).toBe(8);
    const lateEvening = new Date('2026-11-30T15:59:59Z');
    expect(businessDay(lateEvening)).toBe('2026-11-30');
    expect(businessHour(lateEvening)).toBe(23);
    expect(businessDay(new Date('2026-11-30T16:00:00Z'))).toBe('2026-12-01');
  });

  it('shifts days across months and years', () => {
    expect(shiftDay('2026-12-01', -1)).toBe('2026-11-30');
    expect(shiftDay('2027-01-01', -1)).toBe('2026-12-31');
    expect(shiftDay('2028-02-28', 1)).toBe('2028-02-29');
  });
});

describe('dueSubscribers', () => {
  const subs = [
    { user: 'early', enabled: true, hour: 7 },
    { user: 'eight', enabled: true, hour: 8 },
    { user: 'nine', enabled: true, hour: 9 },
    { user: 'off', enabled: false, hour: 8 },
  ];
  it('takes those switched on whose hour has come (a missed hour is made up later)', () => {
    expect(dueSubscribers(subs, 8).map((s) => s.user)).toEqual(['early', 'eight']);
    expect(dueSubscribers(subs, 6)).toEqual([]);
    expect(dueSubscribers(subs, 23).map((s) => s.user)).toEqual(['early', 'eight', 'nine']);
  });
});

describe("a day's numbers", () => {
  it('counts orders dated the day and confirmed or closed, with their amounts', () => {
    const out = bookedOn(
      [
        { no: 'SO-1', orderDate: DAY, status: 'confirmed', amountFen: 225_887 },
        { no: 'SO-2', orderDate: DAY, status: 'closed', amountFen: 1 },
        { no: 'SO-3', orderDate: DAY, status: 'pending', amountFen: 500 },
        { no: 'SO-4', orderDate: DAY, status: 'draft', amountFen: 500 },
        { no: 'SO-5', orderDate: '2026-11-29', status: 'confirmed', amountFen: 500 },
        { no: 'SO-6', status: 'confirmed', amountFen: 500 },
      ],
      DAY,
    );
    expect(out).toEqual({ count: 2, amountFen: 225_888 });
  });

  it('sums the deliveries shipped that day', () => {
    const out = deliveredOn(
      [
        { no: 'DL-1', date: DAY, lineAmountsFen: [100, 250] },
        { no: 'DL-2', date: DAY, lineAmountsFen: [0] },
        { no: 'DL-3', date: '2026-12-01', lineAmountsFen: [9_999] },
      ],
      DAY,
    );
    expect(out).toEqual({ count: 2, amountFen: 350 });
  });

  it('finds open task orders due that day or before, the most overdue first, naming three', () => {
    const out = lateOrders(
      [
        { no: 'MO-5', dueDate: '2026-12-01' },
        { no: 'MO-4', dueDate: DAY },
        { no: 'MO-3', dueDate: '2026-11-01' },
        { no: 'MO-2', dueDate: '2026-11-20' },
        { no: 'MO-1', dueDate: '2026-11-20' },
        { no: 'MO-0', dueDate: '' },
      ],
      DAY,
    );
    expect(out).toEqual({ count: 4, first: ['MO-3', 'MO-1', 'MO-2'] });
  });

  it('counts the orders short of material and the distinct items short', () => {
    expect(
      shortages([
        { no: 'MO-1', status: 'short', shortItems: ['BOLT', 'STEEL'] },
        { no: 'MO-2', status: 'partial', shortItems: ['BOLT'] },
        { no: 'MO-3', status: 'complete', shortItems: [] },
      ]),
    ).toEqual({ orders: 2, items: 2 });
  });
});

describe('the card', () => {
  it('shows exact numbers: money to the fen with separators, the late orders by number', () => {
    expect(dayLabel(DAY)).toBe('11月30日（周一）');
    expect(digestLines(someFacts())).toEqual([
      { keyname: '新增订单', value: '2 单 ¥1,234,567.89' },
      { keyname: '发货', value: '1 单 ¥2,258.87' },
      { keyname: '逾期生产任务单', value: '1 张：MO-0001' },
      { keyname: '缺料生产任务单', value: '1 张，缺 2 种物料' },
      { keyname: '待我审批', value: '3 项' },
    ]);
  });

  it('says so when there is nothing, and names only the first late orders', () => {
    const quiet = someFacts({
      booked: { count: 0, amountFen: 0 },
      late: { count: 0, first: [] },
      shortages: { orders: 0, items: 0 },
      waitingOnMe: 0,
    });
    expect(digestLines(quiet).map((l) => l.value)).toEqual([
      '0 单 ¥0.00',
      '1 单 ¥2,258.87',
      '无',
      '无',
      '0 项',
    ]);
    const many = someFacts({ late: { count: 5, first: ['MO-1', 'MO-2', 'MO-3'] } });
    expect(digestLines(many)[2]!.value).toBe('5 张：MO-1、MO-2、MO-3 等');
  });

  it('as text, for an app without a mini-program', () => {
    expect(digestText(someFacts())).toBe(
      [
        '【每日经营简报】11月30日（周一）',
        '新增订单：2 单 ¥1,234,567.89',
        '发货：1 单 ¥2,258.87',
        '逾期生产任务单：1 张：MO-0001',
        '缺料生产任务单：1 张，缺 2 种物料',
        '待我审批：3 项',
        '详情请在企业微信工作台打开小程序「经营看板」',
      ].join('\n'),
    );
  });
});

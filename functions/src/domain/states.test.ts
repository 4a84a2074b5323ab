import { TASK_ORDER_STATES } from '@factory/shared';
import {
  CLOSED_ORDER_STATUSES,
  isOrderOpen,
  isTaskOrderDone,
  storedNamesOf,
  taskOrderPlans,
  taskOrderState,
} from './states.js';

describe('order states, defined once', () => {
  it('maps every stored task order status to its state; every state has its names', () => {
    expect(TASK_ORDER_STATES.map(storedNamesOf)).toEqual([
      ['planned'],
      ['released', 'open'],
      ['inProgress'],
      ['completed', 'received'],
      ['closed', 'cancelled'],
    ]);
    expect(taskOrderState(undefined)).toBe('released');
    expect(taskOrderState('open')).toBe('released');
    expect(taskOrderState('received')).toBe('completed');
    expect(taskOrderState('cancelled')).toBe('closed');
    for (const s of TASK_ORDER_STATES) expect(taskOrderState(s)).toBe(s);
    expect(() => taskOrderState('lost')).toThrow(/unknown task order status: lost/);
  });

  it('done task orders: completed or closed, by any of their stored names', () => {
    const done = ['completed', 'received', 'closed', 'cancelled'];
    for (const s of done) expect(isTaskOrderDone(s)).toBe(true);
    for (const s of ['open', 'planned', 'released', 'inProgress', undefined, 'lost', 'toString'])
      expect(isTaskOrderDone(s)).toBe(false);
  });

  it('planning counts a task order until it is done and received in full', () => {
    const order = { qty: '10', received: '10' };
    // Received in full: neither supply nor demand any more, whatever name it is stored under.
    expect(taskOrderPlans({ ...order, status: 'received' })).toBe(false);
    expect(taskOrderPlans({ ...order, status: 'completed' })).toBe(false);
    // Completed by work reports, not yet received in full: still to be received.
    expect(taskOrderPlans({ ...order, received: '4', status: 'received' })).toBe(true);
    expect(taskOrderPlans({ ...order, received: '4', status: 'completed' })).toBe(true);
    expect(taskOrderPlans({ ...order, received: '4', status: 'closed' })).toBe(false);
    expect(taskOrderPlans({ ...order, received: '4', status: 'cancelled' })).toBe(false);
    expect(taskOrderPlans({ ...order, received: '0', status: 'open' })).toBe(true);
  });

  it('imported orders are open until ended; closed ones take no receipts', () => {
    expect(isOrderOpen(undefined)).toBe(true);
    expect(isOrderOpen('open')).toBe(true);
    for (const s of ['completed', 'received', 'closed', 'cancelled'])
      expect(isOrderOpen(s)).toBe(false);
    expect([...CLOSED_ORDER_STATUSES].sort()).toEqual(['cancelled', 'closed']);
  });
});

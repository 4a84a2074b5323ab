import { assigneeScope, distinctAssignees, inScope } from './assignees.js';

describe('assignee scope', () => {
  it('keeps a worker to their own and the unassigned orders, whatever they ask for', () => {
    const scope = assigneeScope({ user: 'chenjie', roles: ['worker'] }, 'someone');
    expect(scope).toEqual({ kind: 'mine', user: 'chenjie' });
    expect(inScope(scope, ['chenjie', 'lilei'])).toBe(true);
    expect(inScope(scope, undefined)).toBe(true);
    expect(inScope(scope, [])).toBe(true);
    expect(inScope(scope, ['lilei'])).toBe(false);
  });

  it('shows everybody else every order, or one worker assigned ones when asked', () => {
    expect(assigneeScope({ user: 'lina', roles: ['planner'] })).toEqual({ kind: 'all' });
    expect(assigneeScope({ user: 'w', roles: ['worker', 'supervisor'] })).toEqual({ kind: 'all' });
    const asked = assigneeScope({ user: 'admin', roles: ['admin'] }, 'chenjie');
    expect(inScope(asked, ['chenjie'])).toBe(true);
    expect(inScope(asked, undefined)).toBe(false);
    expect(inScope(asked, ['lilei'])).toBe(false);
  });

  it('stores each assignee once', () => {
    expect(distinctAssignees(['b', 'a', 'b'])).toEqual(['b', 'a']);
  });
});

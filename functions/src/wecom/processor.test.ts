import { jest } from '@jest/globals';
import { AppError } from '@factory/shared';
import type { Deps } from '../deps.js';
import type { CallbackJob } from './dispatcher.js';
import type { CallbackMessage } from './events.js';
import { processCallback, type Decide } from './processor.js';

/** A table holding just the product users of the tenant. */
function depsWithUsers(users: Record<string, { roles: string[]; active?: boolean }>): Deps {
  return {
    tableName: 't',
    db: {
      send: async (command: { input: { Key: { sk: string } } }) => {
        const u = users[command.input.Key.sk];
        return u
          ? {
              Item: {
                tenant: 'wwa',
                userid: command.input.Key.sk,
                name: '李四',
                roles: u.roles,
                active: u.active ?? true,
              },
            }
          : {};
      },
    },
  } as unknown as Deps;
}

const click = (overrides: Partial<CallbackMessage> = {}): CallbackJob => ({
  tenant: 'wwa',
  receivedAt: '2026-12-01T08:00:00.000Z',
  message: {
    toUserName: 'wwa',
    fromUserName: 'lisi',
    createTime: 1,
    msgType: 'event',
    event: 'template_card_event',
    eventKey: 'reject:AP-9',
    taskId: 'ap-AP-9-2',
    responseCode: 'rc9',
    ...overrides,
  },
});

function recorder() {
  const calls: unknown[][] = [];
  const decide: Decide = async (...args) => {
    calls.push(args.slice(1));
    return undefined;
  };
  return { calls, decide };
}

describe('processCallback', () => {
  test('a card click is the clicking product user’s decision', async () => {
    const r = recorder();
    const outcome = await processCallback(
      depsWithUsers({ lisi: { roles: ['manager'] } }),
      click(),
      r.decide,
    );
    expect(outcome).toEqual({ kind: 'decided', approvalId: 'AP-9', approve: false, user: 'lisi' });
    expect(r.calls).toEqual([
      [
        { tenant: 'wwa', user: 'lisi', name: '李四', roles: ['manager'] },
        'AP-9',
        { approve: false, via: 'wecom', responseCode: 'rc9', step: 2 },
      ],
    ]);
  });

  test('other events, other keys, unknown and inactive users are ignored', async () => {
    const r = recorder();
    const info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
    const deps = depsWithUsers({
      lisi: { roles: ['manager'] },
      old: { roles: ['manager'], active: false },
    });
    try {
      const kinds = await Promise.all([
        processCallback(deps, click({ event: 'enter_agent' }), r.decide),
        processCallback(deps, click({ msgType: 'text', event: undefined }), r.decide),
        processCallback(deps, click({ eventKey: 'vote:1' }), r.decide),
        processCallback(deps, click({ fromUserName: 'nobody' }), r.decide),
        processCallback(deps, click({ fromUserName: 'old' }), r.decide),
      ]);
      expect(kinds.map((k) => k.kind)).toEqual([
        'ignored',
        'ignored',
        'ignored',
        'ignored',
        'ignored',
      ]);
      expect(r.calls).toEqual([]);
    } finally {
      info.mockRestore();
    }
  });

  test('a 驳回 refused for want of a reason asks the approver for one; other refusals propagate', async () => {
    const asked: unknown[][] = [];
    const ask = async (...args: unknown[]) => {
      asked.push(args.slice(1));
    };
    const refuse =
      (code: 'approval.reasonRequired' | 'approval.ownDocument'): Decide =>
      async () => {
        throw new AppError(code, 'x');
      };
    const deps = depsWithUsers({ lisi: { roles: ['manager'] } });
    expect(await processCallback(deps, click(), refuse('approval.reasonRequired'), ask)).toEqual({
      kind: 'reasonRequested',
      approvalId: 'AP-9',
      user: 'lisi',
    });
    expect(asked).toEqual([
      [{ tenant: 'wwa', user: 'lisi', name: '李四', roles: ['manager'] }, 'AP-9'],
    ]);
    await expect(
      processCallback(deps, click(), refuse('approval.ownDocument'), ask),
    ).rejects.toMatchObject({ code: 'approval.ownDocument' });
    expect(asked).toHaveLength(1);
  });
});

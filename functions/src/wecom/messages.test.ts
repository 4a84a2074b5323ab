import { AppError } from '@factory/shared';
import {
  buttonCardMessage,
  miniprogramNoticeMessage,
  textcardMessage,
  textMessage,
  type ButtonCard,
} from './messages.js';

function issues(f: () => unknown): string[] {
  try {
    f();
  } catch (err) {
    if (err instanceof AppError) {
      expect(err.code).toBe('wecom.invalidMessage');
      return (err.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);
    }
    throw err;
  }
  throw new Error('expected the message to be refused');
}

const aCard = (overrides: Partial<ButtonCard> = {}): ButtonCard => ({
  taskId: 'ap-PO-9-1',
  title: '采购申请',
  desc: '张三 ¥1200',
  fields: [{ keyname: '单号', value: 'PO-9' }],
  buttons: [
    { text: '同意', style: 1, key: 'approve:PO-9' },
    { text: '驳回', style: 2, key: 'reject:PO-9' },
  ],
  ...overrides,
});

describe('message builders', () => {
  test('a button_interaction card in WeCom’s shape', () => {
    expect(buttonCardMessage({ touser: ['lisi', 'wangwu'] }, aCard())).toEqual({
      touser: 'lisi|wangwu',
      msgtype: 'template_card',
      template_card: {
        card_type: 'button_interaction',
        task_id: 'ap-PO-9-1',
        main_title: { title: '采购申请', desc: '张三 ¥1200' },
        horizontal_content_list: [{ keyname: '单号', value: 'PO-9' }],
        button_list: [
          { text: '同意', style: 1, key: 'approve:PO-9' },
          { text: '驳回', style: 2, key: 'reject:PO-9' },
        ],
      },
    });
  });

  test('task_id: charset [0-9a-zA-Z_-@], at most 128 bytes', () => {
    expect(buttonCardMessage({ touser: ['a'] }, aCard({ taskId: 'a_b-c@d1' })).touser).toBe('a');
    expect(issues(() => buttonCardMessage({ touser: ['a'] }, aCard({ taskId: 'ap#1' })))).toEqual([
      'template_card.task_id: 只能包含字母、数字和 _ - @',
    ]);
    expect(
      issues(() => buttonCardMessage({ touser: ['a'] }, aCard({ taskId: 'x'.repeat(129) }))),
    ).toEqual(['template_card.task_id: 不能超过 128 字节']);
  });

  test('at most 6 buttons, unique keys, every problem at once', () => {
    const seven = Array.from({ length: 7 }, (_, i) => ({ text: `b${i}`, key: `k${i % 6}` }));
    expect(issues(() => buttonCardMessage({}, aCard({ buttons: seven, title: '' })))).toEqual([
      'touser: 至少需要一个接收人',
      'template_card.main_title.title: 不能为空',
      'template_card.button_list: 最多 6 个按钮',
      'template_card.button_list.6.key: 按钮 key 重复',
    ]);
  });

  test('titles are limited in bytes (a Chinese character is 3)', () => {
    const title43 = '审'.repeat(43); // 129 bytes
    expect(
      issues(() =>
        textcardMessage({ touser: ['a'] }, { title: title43, description: 'd', url: 'u' }),
      ),
    ).toEqual(['textcard.title: 不能超过 128 字节']);
    expect(
      textcardMessage({ touser: ['a'] }, { title: '审'.repeat(42), description: 'd', url: 'u' })
        .msgtype,
    ).toBe('textcard');
    expect(
      issues(() =>
        textcardMessage(
          { touser: ['a'] },
          { title: 't', description: 'd', url: 'u', btntxt: '查看详情哦' },
        ),
      ),
    ).toEqual(['textcard.btntxt: 不能超过 4 个字']);
  });

  test('text: not empty, at most 2048 bytes', () => {
    expect(textMessage({ toparty: ['2'] }, '你好')).toEqual({
      toparty: '2',
      msgtype: 'text',
      text: { content: '你好' },
    });
    expect(issues(() => textMessage({ touser: ['a'] }, ''))).toEqual(['text.content: 不能为空']);
    expect(issues(() => textMessage({ touser: ['a'] }, '字'.repeat(683)))).toEqual([
      'text.content: 不能超过 2048 字节',
    ]);
  });

  test('miniprogram_notice: title 4–12 characters, at most 10 items', () => {
    const ok = miniprogramNoticeMessage(
      { touser: ['zhangsan'] },
      {
        appid: 'wx1',
        page: 'pages/order/detail?id=9',
        title: '领料单待审批',
        items: [{ key: '单号', value: 'PO-9' }],
      },
    );
    expect(ok.miniprogram_notice).toEqual({
      appid: 'wx1',
      page: 'pages/order/detail?id=9',
      title: '领料单待审批',
      emphasis_first_item: false,
      content_item: [{ key: '单号', value: 'PO-9' }],
    });
    const items = Array.from({ length: 11 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    expect(
      issues(() =>
        miniprogramNoticeMessage({ touser: ['a'] }, { appid: 'wx1', title: '审批', items }),
      ),
    ).toEqual([
      'miniprogram_notice.title: 应为 4-12 个字',
      'miniprogram_notice.content_item: 最多 10 项',
    ]);
  });
});

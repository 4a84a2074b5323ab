import { approvalButtonKey, dedupeKey, parseCallbackMessage, parseCardAction } from './events.js';

const CLICK = `<xml><ToUserName><![CDATA[wwdemo01]]></ToUserName><FromUserName><![CDATA[lisi]]></FromUserName>
<CreateTime>1646539330</CreateTime><MsgType><![CDATA[event]]></MsgType>
<Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[approve:PO-9]]></EventKey>
<TaskId><![CDATA[req-123]]></TaskId><CardType><![CDATA[button_interaction]]></CardType>
<ResponseCode><![CDATA[rc-1]]></ResponseCode><AgentID>1000002</AgentID>
<SelectedItems><SelectedItem><QuestionKey><![CDATA[q1]]></QuestionKey>
<OptionIds><OptionId><![CDATA[o1]]></OptionId><OptionId><![CDATA[o2]]></OptionId></OptionIds></SelectedItem></SelectedItems></xml>`;

describe('callback messages', () => {
  test('a card click as WeCom documents it', () => {
    expect(parseCallbackMessage(CLICK)).toEqual({
      toUserName: 'wwdemo01',
      fromUserName: 'lisi',
      createTime: 1646539330,
      msgType: 'event',
      event: 'template_card_event',
      eventKey: 'approve:PO-9',
      taskId: 'req-123',
      cardType: 'button_interaction',
      responseCode: 'rc-1',
      agentId: '1000002',
      selected: [{ questionKey: 'q1', optionIds: ['o1', 'o2'] }],
    });
  });

  test('the OpitonIds spelling of one SDK is read too', () => {
    const odd = CLICK.replace(
      /<OptionIds>.*<\/OptionIds>/s,
      '<OpitonIds><OpitonId><![CDATA[o3]]></OpitonId></OpitonIds>',
    );
    expect(parseCallbackMessage(odd).selected).toEqual([{ questionKey: 'q1', optionIds: ['o3'] }]);
  });

  test('missing required fields and non-XML are refused', () => {
    expect(() => parseCallbackMessage('<xml><ToUserName>a</ToUserName></xml>')).toThrow(
      /callback without/,
    );
    expect(() => parseCallbackMessage('not xml')).toThrow();
    expect(() =>
      parseCallbackMessage(
        CLICK.replace('<CreateTime>1646539330</CreateTime>', '<CreateTime>x</CreateTime>'),
      ),
    ).toThrow(/CreateTime/);
  });

  test('de-duplication: messages by MsgId, events by FromUserName + CreateTime (+ what was tapped)', () => {
    const event = parseCallbackMessage(CLICK);
    expect(dedupeKey(event)).toMatch(/^E#lisi#1646539330#[0-9a-f]{16}$/);
    // A retry is the same content: the same key.
    expect(dedupeKey(parseCallbackMessage(CLICK))).toBe(dedupeKey(event));
    // Another card tapped in the same second is another event.
    expect(dedupeKey({ ...event, taskId: 'req-124', eventKey: 'approve:PO-10' })).not.toBe(
      dedupeKey(event),
    );
    expect(dedupeKey({ ...event, msgType: 'text', msgId: '1234567' })).toBe('M#1234567');
  });

  test('button keys', () => {
    expect(parseCardAction('approve:AP-1')).toEqual({ approve: true, approvalId: 'AP-1' });
    expect(parseCardAction('reject:AP:with:colons')).toEqual({
      approve: false,
      approvalId: 'AP:with:colons',
    });
    expect(parseCardAction('approve:')).toBeUndefined();
    expect(parseCardAction('other:AP-1')).toBeUndefined();
    expect(parseCardAction(undefined)).toBeUndefined();
    expect(parseCardAction(approvalButtonKey('reject', 'X1'))).toEqual({
      approve: false,
      approvalId: 'X1',
    });
  });
});

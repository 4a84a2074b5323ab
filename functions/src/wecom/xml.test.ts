import { buildWecomXml, parseWecomXml } from './xml.js';

describe('parseWecomXml', () => {
  it('reads elements as text, objects and arrays as the callbacks need them', () => {
    expect(
      parseWecomXml(
        '<?xml version="1.0"?><xml a="1"><A><![CDATA[ hi ]]></A><B> x </B><C></C><D/>' +
          '<E>1</E><E>2</E><F><G>g</G><G><![CDATA[h]]></G></F><!-- note -->' +
          '<H>&lt;&amp;lt;&#65;</H><M>txt<N>1</N></M></xml>',
      ),
    ).toEqual({
      A: ' hi ',
      B: 'x',
      C: '',
      D: '',
      E: ['1', '2'],
      F: { G: ['g', 'h'] },
      H: '<&lt;&#65;',
      M: { N: '1', '#text': 'txt' },
    });
    expect(parseWecomXml('<xml><A><B>1</B></A><A>2</A></xml>')).toEqual({ A: [{ B: '1' }, '2'] });
  });

  it('reads back what buildWecomXml writes, ]]> in text included', () => {
    const xml = buildWecomXml({
      ToUserName: 'wwdemo01',
      CreateTime: 1646539330,
      Content: 'a ]]> b',
      Items: { Item: [{ Key: 'k1' }, { Key: 'k2' }] },
    });
    expect(parseWecomXml(xml)).toEqual({
      ToUserName: 'wwdemo01',
      CreateTime: '1646539330',
      Content: 'a ]]> b',
      Items: { Item: [{ Key: 'k1' }, { Key: 'k2' }] },
    });
  });

  it.each([
    '<xml><A>unclosed</xml>',
    '<xml>',
    'not xml',
    '<xml><A>1</B></xml>',
    '<!DOCTYPE x [<!ENTITY e "boom">]><xml><A>&e;</A></xml>',
    '<xml><A>1 < 2</A></xml>',
  ])('refuses malformed XML %j', (xml) => {
    expect(() => parseWecomXml(xml)).toThrow('malformed XML');
  });

  it('refuses a document without an <xml> root', () => {
    expect(() => parseWecomXml('<root><A>1</A></root>')).toThrow('XML without an <xml> root');
  });
});

export type XmlValue = string | XmlObject | XmlValue[];
export type XmlObject = { [name: string]: XmlValue };

/**
 * Parses a WeCom XML document and returns the children of its root `<xml>` element. WeCom's
 * messages are small and plain (elements, text, CDATA; no attributes that matter, no
 * DOCTYPE), so this is a few lines rather than a general XML library in the bundle:
 * - an element with text only is its text (plain text trimmed, CDATA as is, the five XML
 *   entities decoded), an empty one `''`; an element with children is an object (text beside
 *   children under `#text`); a name that repeats is an array; attributes are ignored;
 * - anything malformed (a tag not closed or closed out of turn, a DOCTYPE, stray `<`) is
 *   `malformed XML`.
 */
export function parseWecomXml(text: string): XmlObject {
  let doc: XmlObject;
  try {
    doc = parseXml(text);
  } catch {
    throw new Error('malformed XML');
  }
  const root = doc.xml;
  if (root === undefined || root === null || typeof root !== 'object' || Array.isArray(root)) {
    throw new Error('XML without an <xml> root');
  }
  return root;
}

type Frame = { name: string; children: XmlObject; text: string; hasChildren: boolean };

const TOKEN =
  /<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<\/([A-Za-z_][\w.:-]*)\s*>|<([A-Za-z_][\w.:-]*)(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*(\/?)>|([^<]+)/y;

function parseXml(xml: string): XmlObject {
  const top: Frame = { name: '', children: {}, text: '', hasChildren: false };
  const stack: Frame[] = [top];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < xml.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(xml);
    if (!m || m.index !== at) throw new Error('malformed XML');
    const [, cdata, close, open, selfClosing, chars] = m;
    const frame = stack[stack.length - 1]!;
    if (cdata !== undefined) {
      if (frame === top) throw new Error('text outside the root');
      frame.text += cdata;
    } else if (chars !== undefined) {
      const trimmed = decodeEntities(chars.trim());
      if (trimmed && frame === top) throw new Error('text outside the root');
      frame.text += trimmed;
    } else if (open !== undefined) {
      const child: Frame = { name: open, children: {}, text: '', hasChildren: false };
      if (selfClosing) addChild(frame, child);
      else stack.push(child);
    } else if (close !== undefined) {
      if (frame === top || frame.name !== close) throw new Error('tag closed out of turn');
      stack.pop();
      addChild(stack[stack.length - 1]!, frame);
    }
    // Comments and processing instructions are skipped.
  }
  if (stack.length !== 1) throw new Error('tag not closed');
  return top.children;
}

function addChild(parent: Frame, child: Frame): void {
  const value: XmlValue = child.hasChildren
    ? child.text
      ? { ...child.children, '#text': child.text }
      : child.children
    : child.text;
  const existing = parent.children[child.name];
  parent.children[child.name] =
    existing === undefined
      ? value
      : Array.isArray(existing)
        ? [...existing, value]
        : [existing, value];
  parent.hasChildren = true;
}

/** The five XML entities; `&amp;` last, so `&amp;lt;` stays `&lt;`. */
function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

export function text(node: XmlObject, name: string): string | undefined {
  const v = node[name];
  if (v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return typeof v[0] === 'string' ? v[0] : undefined;
  return undefined;
}

/** Elements that may repeat come back as one object or an array: always an array here. */
export function list(node: XmlObject | undefined, name: string): XmlValue[] {
  if (!node) return [];
  const v = node[name];
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

export type XmlInput = string | number | XmlInput[] | { [name: string]: XmlInput | undefined };

/**
 * Writes `<xml>…</xml>` as WeCom does: text in CDATA, numbers bare, arrays as repeated
 * elements. `]]>` inside text is split across two CDATA sections.
 */
export function buildWecomXml(fields: Record<string, XmlInput | undefined>): string {
  return `<xml>${elements(fields)}</xml>`;
}

function elements(fields: Record<string, XmlInput | undefined>): string {
  let out = '';
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) out += `<${name}>${content(v)}</${name}>`;
  }
  return out;
}

function content(v: XmlInput): string {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return `<![CDATA[${v.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
  if (Array.isArray(v)) return v.map(content).join('');
  return elements(v);
}

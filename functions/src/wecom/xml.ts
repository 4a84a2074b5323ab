import { XMLParser } from 'fast-xml-parser';

const parser = new XMLParser({
  ignoreAttributes: true,
  // Keep every value a string: CreateTime, AgentID and ids are compared as text.
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
});

export type XmlValue = string | XmlObject | XmlValue[];
export type XmlObject = { [name: string]: XmlValue };

/** Parses a WeCom XML document and returns the children of its root `<xml>` element. */
export function parseWecomXml(text: string): XmlObject {
  let doc: unknown;
  try {
    doc = parser.parse(text, true);
  } catch {
    throw new Error('malformed XML');
  }
  const root = (doc as { xml?: unknown } | undefined)?.xml;
  if (root === undefined || root === null || typeof root !== 'object' || Array.isArray(root)) {
    throw new Error('XML without an <xml> root');
  }
  return root as XmlObject;
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

import { deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * The ZIP container of an XLSX file, on node:zlib: enough to read what Excel, WPS and
 * LibreOffice write (stored or deflated entries, read through the central directory, so data
 * descriptors do not matter) and to write a workbook. No ZIP64, no encryption, no
 * multi-disk archives: an XLSX sheet a user uploads is far below 4 GB.
 */

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
/** Bit 11: names are UTF-8. */
const UTF8_NAMES = 0x0800;
/** 1980-01-01 00:00 in MS-DOS form: the entries carry no meaningful time. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/** What one entry may expand to: a sheet of a 10 MB upload is far below it (zip bombs). */
export const MAX_ENTRY_BYTES = 200 * 1024 * 1024;

export type ZipEntries = Map<string, Buffer>;

export function readZip(zip: Buffer): ZipEntries {
  const end = findEnd(zip);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntries = new Map();
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) {
      throw new Error('ZIP central directory is damaged');
    }
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (compressedSize === 0xffffffff || size === 0xffffffff || local === 0xffffffff) {
      throw new Error('ZIP64 archives are not supported');
    }
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL) {
      throw new Error(`ZIP entry ${name} is damaged`);
    }
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + compressedSize);
    if (data.length !== compressedSize) throw new Error(`ZIP entry ${name} is cut short`);
    if (size > MAX_ENTRY_BYTES) throw new Error(`ZIP entry ${name} is too large`);
    if (method === 0) entries.set(name, Buffer.from(data));
    else if (method === 8) {
      entries.set(name, inflateRawSync(data, { maxOutputLength: MAX_ENTRY_BYTES }));
    } else throw new Error(`ZIP entry ${name} uses an unsupported compression (${method})`);
  }
  return entries;
}

function findEnd(zip: Buffer): number {
  // The end record is 22 bytes plus a comment of at most 65,535.
  const last = Math.max(0, zip.length - 22 - 0xffff);
  for (let at = zip.length - 22; at >= last; at--) {
    if (zip.readUInt32LE(at) === END) return at;
  }
  throw new Error('not a ZIP file');
}

/** Deflated entries in the given order. */
export function writeZip(files: [name: string, data: Buffer][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of files) {
    const nameBytes = Buffer.from(name, 'utf8');
    const packed = deflateRawSync(data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(UTF8_NAMES, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

let table: Uint32Array | undefined;

export function crc32(data: Buffer): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of data) crc = table[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

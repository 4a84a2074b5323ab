import type { AttachmentContentType } from '@factory/shared';

/**
 * What a file's first bytes say it is (its "magic bytes"), checked against the type declared
 * when its upload started: a renamed executable or an HTML page never becomes a "receipt".
 * Only the types attachments accept are known; anything else is undefined.
 *
 * - JPEG: FF D8 FF
 * - PNG: 89 50 4E 47 0D 0A 1A 0A
 * - PDF: "%PDF-"
 * - WEBP: "RIFF" <4-byte size> "WEBP"
 * - HEIC: an ISO-BMFF box "ftyp" at offset 4 whose major brand is a HEIF brand
 */
export const MAGIC_BYTES_NEEDED = 16;

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);

export function sniffContentType(bytes: Uint8Array): AttachmentContentType | undefined {
  const at = (offset: number, expected: readonly number[]) =>
    expected.every((b, i) => bytes[offset + i] === b);
  const ascii = (offset: number, length: number) =>
    bytes.length >= offset + length
      ? String.fromCharCode(...bytes.subarray(offset, offset + length))
      : '';
  if (at(0, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (ascii(0, 5) === '%PDF-') return 'application/pdf';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 4) === 'WEBP') return 'image/webp';
  if (ascii(4, 4) === 'ftyp' && HEIF_BRANDS.has(ascii(8, 4))) return 'image/heic';
  return undefined;
}

/** Whether the bytes begin as a file of the declared type does. */
export function matchesContentType(bytes: Uint8Array, declared: AttachmentContentType): boolean {
  return sniffContentType(bytes) === declared;
}

import { matchesContentType, sniffContentType } from './magic.js';

const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(
    parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)),
  );

describe('sniffContentType', () => {
  it('knows each accepted type by its first bytes', () => {
    expect(sniffContentType(bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'))).toBe('image/jpeg');
    expect(sniffContentType(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toBe(
      'image/png',
    );
    expect(sniffContentType(bytes('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffContentType(bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '))).toBe('image/webp');
    expect(sniffContentType(bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0]))).toBe('image/heic');
    expect(sniffContentType(bytes([0, 0, 0, 0x1c], 'ftypmif1'))).toBe('image/heic');
  });

  it('knows nothing else, nor a file too short to tell', () => {
    expect(sniffContentType(bytes('<html><body>'))).toBeUndefined();
    expect(sniffContentType(bytes('MZ', [0x90, 0]))).toBeUndefined();
    expect(sniffContentType(bytes([0xff, 0xd8]))).toBeUndefined();
    expect(sniffContentType(bytes('RIFF', [0, 0, 0, 0], 'WAVE'))).toBeUndefined();
    // An MP4 is ISO-BMFF too, but not of a HEIF brand.
    expect(sniffContentType(bytes([0, 0, 0, 0x18], 'ftypisom'))).toBeUndefined();
    expect(sniffContentType(new Uint8Array())).toBeUndefined();
  });
});

describe('matchesContentType', () => {
  it('holds only for the declared type', () => {
    const png = bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a]);
    expect(matchesContentType(png, 'image/png')).toBe(true);
    expect(matchesContentType(png, 'image/jpeg')).toBe(false);
    expect(matchesContentType(bytes('%PDF-'), 'image/png')).toBe(false);
  });
});

/**
 * The code points a WOFF2 font really maps (its cmap table), read in Node: the table directory,
 * the Brotli stream (node:zlib), then cmap formats 4 and 12. Just enough to check the @fontsource
 * packages' unicode-range claims against their files.
 */
import { brotliDecompressSync } from 'node:zlib';

/** WOFF2's table tags by their 6-bit index (WOFF2 spec, 5.1). */
const KNOWN_TAGS = [
  'cmap',
  'head',
  'hhea',
  'hmtx',
  'maxp',
  'name',
  'OS/2',
  'post',
  'cvt ',
  'fpgm',
  'glyf',
  'loca',
  'prep',
  'CFF ',
  'VORG',
  'EBDT',
  'EBLC',
  'gasp',
  'hdmx',
  'kern',
  'LTSH',
  'PCLT',
  'VDMX',
  'vhea',
  'vmtx',
  'BASE',
  'GDEF',
  'GPOS',
  'GSUB',
  'EBSC',
  'JSTF',
  'MATH',
  'CBDT',
  'CBLC',
  'COLR',
  'CPAL',
  'SVG ',
  'sbix',
  'acnt',
  'avar',
  'bdat',
  'bloc',
  'bsln',
  'cvar',
  'fdsc',
  'feat',
  'fmtx',
  'fvar',
  'gvar',
  'hsty',
  'just',
  'lcar',
  'mort',
  'morx',
  'opbd',
  'prop',
  'trak',
  'Zapf',
  'Silf',
  'Glat',
  'Gloc',
  'Feat',
  'Sill',
];

export function woff2CodePoints(file: Uint8Array): Set<number> {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  if (view.getUint32(0) !== 0x774f4632) throw new Error('not a WOFF2 file'); // 'wOF2'
  const numTables = view.getUint16(12);
  const compressedSize = view.getUint32(20);
  let offset = 48;
  const uintBase128 = () => {
    let value = 0;
    for (let i = 0; i < 5; i++) {
      const byte = file[offset++]!;
      value = value * 128 + (byte & 0x7f);
      if (!(byte & 0x80)) return value;
    }
    throw new Error('bad UIntBase128');
  };
  const tables: { tag: string; length: number }[] = [];
  for (let i = 0; i < numTables; i++) {
    const flags = file[offset++]!;
    let tag: string;
    if ((flags & 0x3f) === 0x3f) {
      tag = String.fromCharCode(...file.subarray(offset, offset + 4));
      offset += 4;
    } else tag = KNOWN_TAGS[flags & 0x3f]!;
    const version = flags >> 6;
    const origLength = uintBase128();
    // glyf/loca are transformed at version 0, every other table at a non-zero version.
    const transformed = tag === 'glyf' || tag === 'loca' ? version === 0 : version !== 0;
    tables.push({ tag, length: transformed ? uintBase128() : origLength });
  }
  const data = brotliDecompressSync(file.subarray(offset, offset + compressedSize));
  let position = 0;
  let cmap: Buffer | null = null;
  for (const table of tables) {
    if (table.tag === 'cmap') cmap = data.subarray(position, position + table.length);
    position += table.length;
  }
  if (!cmap) throw new Error('no cmap table');
  return cmapCodePoints(cmap);
}

function cmapCodePoints(cmap: Buffer): Set<number> {
  const view = new DataView(cmap.buffer, cmap.byteOffset, cmap.byteLength);
  const points = new Set<number>();
  const subtables = view.getUint16(2);
  for (let i = 0; i < subtables; i++) {
    const at = view.getUint32(4 + i * 8 + 4);
    const format = view.getUint16(at);
    if (format === 12) {
      const groups = view.getUint32(at + 12);
      for (let g = 0; g < groups; g++) {
        const first = view.getUint32(at + 16 + g * 12);
        const last = view.getUint32(at + 20 + g * 12);
        const firstGlyph = view.getUint32(at + 24 + g * 12);
        for (let cp = first; cp <= last; cp++) if (firstGlyph + (cp - first) !== 0) points.add(cp);
      }
    } else if (format === 4) {
      const segCountX2 = view.getUint16(at + 6);
      for (let s = 0; s < segCountX2 / 2; s++) {
        const last = view.getUint16(at + 14 + s * 2);
        const first = view.getUint16(at + 16 + segCountX2 + s * 2);
        const delta = view.getInt16(at + 16 + segCountX2 * 2 + s * 2);
        const rangeOffsetAt = at + 16 + segCountX2 * 3 + s * 2;
        const rangeOffset = view.getUint16(rangeOffsetAt);
        for (let cp = first; cp <= last && cp !== 0xffff; cp++) {
          let glyph = (cp + delta) & 0xffff;
          if (rangeOffset !== 0) {
            const raw = view.getUint16(rangeOffsetAt + rangeOffset + 2 * (cp - first));
            glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
          }
          if (glyph !== 0) points.add(cp);
        }
      }
    }
  }
  return points;
}

/** The case number as a QR code, drawn as inline SVG (no image files, no canvas). */
import QRCode from 'qrcode';
import { escapeHtml, type Html } from './escape';

/** The quiet zone the QR specification asks for, in modules. */
const QUIET_ZONE = 4;

/**
 * An SVG QR code of `text`, `sizeMm` wide. Dark modules are merged into horizontal runs, one path.
 * Error correction M: a smudged or partly folded paper still scans.
 */
export function qrSvg(text: string, sizeMm: number, label: string): Html {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  let path = '';
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && modules.get(row, col)) col++;
      path += `M${start + QUIET_ZONE} ${row + QUIET_ZONE}h${col - start}v1h${start - col}z`;
    }
  }
  const side = n + 2 * QUIET_ZONE;
  // The grid numbers are computed here; the size and the label are escaped.
  return (`<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" width="${escapeHtml(sizeMm)}mm" height="${escapeHtml(sizeMm)}mm" ` +
    `shape-rendering="crispEdges" role="img" aria-label="${escapeHtml(label)}">` +
    `<rect width="${side}" height="${side}" fill="#fff"/><path fill="#000" d="${path}"/></svg>`) as Html;
}

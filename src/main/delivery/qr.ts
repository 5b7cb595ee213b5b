// The QR code of a download link as a plain grid, made in main (the renderer draws it as SVG rects: the CSP
// allows no data: images from a library's canvas).
import QRCode from 'qrcode';
import type { QrMatrix } from '../../shared/delivery';

export function qrMatrix(text: string): QrMatrix {
  // 'M' survives a scratched or glare-washed screen better than 'L' and keeps a 60-character URL at 29 modules.
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const rows: string[] = [];
  for (let y = 0; y < modules.size; y += 1) {
    let row = '';
    for (let x = 0; x < modules.size; x += 1) row += modules.get(y, x) ? '1' : '0';
    rows.push(row);
  }
  return { size: modules.size, rows };
}

// A QR code drawn as SVG rects from main's module grid: no canvas and no data: URL, which the CSP forbids.
// Each run of dark modules in a row is one rect, so a 33×33 code is a few hundred nodes, not a thousand.
import type { QrMatrix } from '../../shared/delivery';

/** The white border scanners need around a code, in modules (the QR standard asks for 4). */
const QUIET = 4;

export function QrCode({ qr, size = 320 }: { qr: QrMatrix; size?: number }) {
  const rects: Array<{ x: number; y: number; w: number }> = [];
  qr.rows.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (row[x] !== '1') {
        x += 1;
        continue;
      }
      const start = x;
      while (row[x] === '1') x += 1;
      rects.push({ x: start, y, w: x - start });
    }
  });
  const span = qr.size + QUIET * 2;
  return (
    <svg
      className="delivery-qr"
      role="img"
      aria-label="Download QR code"
      width={size}
      height={size}
      viewBox={`0 0 ${span} ${span}`}
      shapeRendering="crispEdges"
    >
      <rect width={span} height={span} fill="#fff" />
      {rects.map((rect) => (
        <rect
          key={`${rect.x}-${rect.y}`}
          x={rect.x + QUIET}
          y={rect.y + QUIET}
          width={rect.w}
          height={1}
          fill="#000"
        />
      ))}
    </svg>
  );
}

// A finger signature pad: pointer events (finger, pen or mouse), dark strokes on a transparent canvas, a big
// "Clear". The image is sent as PNG bytes; the canvas has a fixed pixel size so every signature is alike and
// small (2–8 KB), whatever the screen's size.
import { useEffect, useRef } from 'react';

export const PAD_WIDTH = 600;
export const PAD_HEIGHT = 180;

interface SignaturePadProps {
  label: string;
  /** True when the passenger has signed (the parent keeps the bytes). */
  signed: boolean;
  onChange(png: Uint8Array<ArrayBuffer> | null): void;
}

export function SignaturePad({ label, signed, onChange }: SignaturePadProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef<{ x: number; y: number } | null>(null);

  // A parent that resets the form (signed back to false) gets an empty pad too.
  useEffect(() => {
    if (!signed) canvas.current?.getContext('2d')?.clearRect(0, 0, PAD_WIDTH, PAD_HEIGHT);
  }, [signed]);

  const point = (event: React.PointerEvent<HTMLCanvasElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    return {
      x: ((event.clientX - rect.left) / rect.width) * PAD_WIDTH,
      y: ((event.clientY - rect.top) / rect.height) * PAD_HEIGHT,
    };
  };
  const line = (from: { x: number; y: number }, to: { x: number; y: number }) => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    context.strokeStyle = '#111418';
    context.lineWidth = 4;
    context.lineCap = 'round';
    context.lineJoin = 'round';
    context.beginPath();
    context.moveTo(from.x, from.y);
    context.lineTo(to.x, to.y);
    context.stroke();
  };
  const finish = () => {
    if (!drawing.current) return;
    drawing.current = null;
    canvas.current?.toBlob((blob) => {
      if (blob) void blob.arrayBuffer().then((buffer) => onChange(new Uint8Array(buffer)));
    }, 'image/png');
  };

  return (
    <div className="signature-pad">
      <canvas
        ref={canvas}
        width={PAD_WIDTH}
        height={PAD_HEIGHT}
        aria-label={label}
        role="img"
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId);
          const at = point(event);
          drawing.current = at;
          line(at, { x: at.x + 0.1, y: at.y + 0.1 });
        }}
        onPointerMove={(event) => {
          if (!drawing.current) return;
          const at = point(event);
          line(drawing.current, at);
          drawing.current = at;
        }}
        onPointerUp={finish}
        onPointerCancel={finish}
      />
      <div className="signature-pad-footer">
        <span className={signed ? 'signature-state signed' : 'signature-state'}>
          {signed ? 'Signed ✓' : 'Sign here with your finger'}
        </span>
        <button
          type="button"
          className="button"
          onClick={() => {
            canvas.current?.getContext('2d')?.clearRect(0, 0, PAD_WIDTH, PAD_HEIGHT);
            onChange(null);
          }}
        >
          Clear
        </button>
      </div>
    </div>
  );
}

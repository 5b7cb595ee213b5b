// How wide a chart label is drawn, so the charts can leave room for it.
let measuring: CanvasRenderingContext2D | null | undefined;

/**
 * The width of a bold chart label in pixels, measured with the page's own font so labels never run into
 * bars; a generous estimate where the page cannot measure.
 */
export function textWidth(text: string, fontPx: number): number {
  if (measuring === undefined) measuring = document.createElement('canvas').getContext('2d');
  if (!measuring) return Math.ceil(text.length * fontPx * 0.7);
  measuring.font = `700 ${fontPx}px ${getComputedStyle(document.body).fontFamily}`;
  return Math.ceil(measuring.measureText(text).width) + 2;
}

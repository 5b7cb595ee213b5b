// The width of an element in CSS pixels, kept up to date: the charts draw in real pixels so their text stays
// the same readable size on every screen instead of shrinking with a viewBox.
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

export function useWidth<T extends HTMLElement>(): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.clientWidth);
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

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

// The renderer's only door to the main process. Stores and hooks use `magnum`; components do not.
import type { MagnumApi } from '../../shared/contract';

declare global {
  interface Window {
    magnum: MagnumApi;
  }
}

export function getMagnum(): MagnumApi | undefined {
  return (window as Partial<Window>).magnum;
}

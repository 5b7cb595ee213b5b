// Types for scripts/make-icon.mjs (plain JavaScript: `node scripts/make-icon.mjs` redraws build/icon.png).
export declare const SIZE: number;
export declare function drawIcon(): Buffer;

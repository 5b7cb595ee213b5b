// One command builds everything: the renderer with vite; main, preload and the browser client with esbuild
// (one fast bundler for the three Node/preload targets, with no Electron binary needed to build).
import { build as esbuild } from 'esbuild';
import { build as vite } from 'vite';

const started = Date.now();
await vite({ logLevel: 'warn' });

const common = { bundle: true, sourcemap: true, logLevel: 'warning', legalComments: 'none' };
await Promise.all([
  esbuild({
    ...common,
    entryPoints: {
      electron: 'src/main/electron/main.ts',
      kiosk: 'src/main/kiosk/main.ts',
      services: 'src/main/services/entry.ts',
    },
    outdir: 'dist/main',
    outExtension: { '.js': '.mjs' },
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
  }),
  // Sandboxed preloads cannot load modules: everything but `electron` is bundled in.
  esbuild({
    ...common,
    entryPoints: ['src/preload/index.ts'],
    outfile: 'dist/preload/index.cjs',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron'],
  }),
  esbuild({
    ...common,
    entryPoints: ['src/preload/browser.ts'],
    outfile: 'dist/renderer/magnum-client.js',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
  }),
]);
console.log(`built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);

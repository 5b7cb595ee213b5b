import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer only. base './' so the same build loads from app://magnum/ (Electron) and http (kiosk host).
export default defineConfig({
  root: 'src/renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'chrome120',
  },
});

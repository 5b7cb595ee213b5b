// After the run: remove the demo flights rendered for it (e2e/support.ts) and the layout walk's copy of them.
import { rmSync } from 'node:fs';
import { layoutSeedDir } from './layout-support';
import { demoSeedDir } from './support';

export default function globalTeardown(): void {
  rmSync(demoSeedDir(), { recursive: true, force: true });
  rmSync(layoutSeedDir(), { recursive: true, force: true });
}

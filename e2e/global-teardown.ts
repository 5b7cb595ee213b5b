// After the run: remove the demo flights rendered for it (e2e/support.ts).
import { rmSync } from 'node:fs';
import { demoSeedDir } from './support';

export default function globalTeardown(): void {
  rmSync(demoSeedDir(), { recursive: true, force: true });
}

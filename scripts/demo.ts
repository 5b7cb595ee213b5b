// npm run demo -- --data-dir DIR [--flights N] [--seconds S]: adds demo flights with synthetic footage to
// the data directory (creating DIR/magnum.db if needed) and prints the new recording ids, one per line.
// Progress goes to stderr so stdout stays a clean list of ids. Exit codes: 0 done, 1 failed, 2 bad arguments.
import { resolve } from 'node:path';
import { loadDemoData } from '../src/main/demo/index';

const USAGE = 'usage: npm run demo -- --data-dir DIR [--flights 1-4] [--seconds 2-60]';

function parseArgs(argv: string[]): { dataDir: string; flights?: number; clipSeconds?: number } {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.split(/=(.*)/s, 2);
    if (!flag || !['--data-dir', '--flights', '--seconds'].includes(flag)) {
      throw new Error(`unknown argument "${arg}" (${USAGE})`);
    }
    const value = inline ?? argv[++i];
    if (!value || value.startsWith('--')) throw new Error(`${flag} needs a value (${USAGE})`);
    values.set(flag, value);
  }
  const dataDir = values.get('--data-dir');
  if (!dataDir) throw new Error(`missing --data-dir DIR (${USAGE})`);
  const number = (flag: string, min: number, max: number) => {
    const raw = values.get(flag);
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min || n > max)
      throw new Error(`${flag} must be between ${min} and ${max} (${USAGE})`);
    return n;
  };
  return {
    dataDir: resolve(dataDir),
    flights: number('--flights', 1, 4),
    clipSeconds: number('--seconds', 2, 60),
  };
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`demo: ${(error as Error).message}`);
    return 2;
  }
  try {
    const result = await loadDemoData({
      ...args,
      onProgress: (p) => process.stderr.write(`[${p.phase} ${p.done}/${p.total}] ${p.message}\n`),
    });
    for (const id of result.recordingIds) console.log(id);
    process.stderr.write(
      `demo: ${result.recordingIds.length} flights in ${(result.elapsedMs / 1000).toFixed(1)} s\n`,
    );
    return 0;
  } catch (error) {
    console.error(`demo: ${(error as Error).message}`);
    return 1;
  }
}

process.exitCode = await main();

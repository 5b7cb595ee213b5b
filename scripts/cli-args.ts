// What the kiosk's command-line tools share: `--name value` / `--name=value` options and switches, read the
// same way everywhere.

/** Bad arguments: the tool prints it with its usage line and exits 2. */
export class UsageError extends Error {}

/**
 * Reads `--name value` and `--name=value` for the given option names, and bare `--flag` switches. Anything
 * else, or an option without a value, is a UsageError naming it.
 */
export function parseFlags<Name extends string, Switch extends string = never>(
  argv: readonly string[],
  names: readonly Name[],
  switches: readonly Switch[] = [],
): { values: Partial<Record<Name, string>>; switches: Set<Switch> } {
  const values: Partial<Record<Name, string>> = {};
  const on = new Set<Switch>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const flag = arg.startsWith('--') ? arg.slice(2) : '';
    if ((switches as readonly string[]).includes(flag)) {
      on.add(flag as Switch);
      continue;
    }
    const equals = flag.indexOf('=');
    const key = (equals === -1 ? flag : flag.slice(0, equals)) as Name;
    if (!names.includes(key)) throw new UsageError(`unknown argument "${arg}"`);
    const inline = equals === -1 ? undefined : flag.slice(equals + 1);
    const value = inline ?? argv[++i];
    if (value === undefined || value === '' || (inline === undefined && value.startsWith('--'))) {
      throw new UsageError(`--${key} needs a value`);
    }
    values[key] = value;
  }
  return { values, switches: on };
}

/**
 * The command line read by `parse`; bad arguments are printed with the tool's usage line and give null, for the
 * tool to exit 2.
 */
export function argsOrUsage<T>(tool: string, usage: string, parse: (argv: string[]) => T): T | null {
  try {
    return parse(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${tool}: ${error.message} (${usage})`);
    return null;
  }
}

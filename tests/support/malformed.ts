// Malformed inputs for one channel, derived from its valid example so every new channel is attacked too.
// Each case is raw JSON text, so tokens JSON cannot carry (NaN) and exact key spellings (__proto__) survive.

export interface MalformedCase {
  name: string;
  /** The input as raw JSON text; `undefined` leaves the input out of the call entirely. */
  rawInput: string | undefined;
}

const TEN_MB = 10 * 1024 * 1024;
const huge = () => JSON.stringify('x'.repeat(TEN_MB));
const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

export function malformedInputs(example: unknown): MalformedCase[] {
  const exampleText = JSON.stringify(example);
  const cases: MalformedCase[] = [
    { name: 'missing input', rawInput: undefined },
    { name: 'null', rawInput: 'null' },
    { name: 'a number', rawInput: '42' },
    { name: 'a string', rawInput: '"text"' },
    { name: 'a boolean', rawInput: 'true' },
    { name: 'an empty array', rawInput: '[]' },
    { name: 'the example inside an array', rawInput: `[${exampleText}]` },
    { name: 'a 10 MB string', rawInput: huge() },
    { name: 'Infinity (1e999)', rawInput: '1e999' },
    { name: '-Infinity (-1e999)', rawInput: '-1e999' },
    { name: 'a bare NaN token', rawInput: 'NaN' },
    { name: 'a __proto__ key', rawInput: '{"__proto__":{"polluted":true}}' },
    { name: 'a constructor.prototype key', rawInput: '{"constructor":{"prototype":{"polluted":true}}}' },
    { name: 'nested 20 deep', rawInput: nested(20) },
    { name: 'nested 100,000 deep', rawInput: nested(100_000) },
  ];
  if (typeof example !== 'object' || example === null || Array.isArray(example)) return cases;

  const fields = example as Record<string, unknown>;
  const withField = (key: string, valueText: string) =>
    `{${Object.entries(fields)
      .map(([k, v]) => `${JSON.stringify(k)}:${k === key ? valueText : JSON.stringify(v)}`)
      .concat(Object.hasOwn(fields, key) ? [] : [`${JSON.stringify(key)}:${valueText}`])
      .join(',')}}`;

  cases.push(
    { name: 'an extra field', rawInput: withField('unexpectedField', '1') },
    { name: 'the example plus __proto__', rawInput: withField('__proto__', '{"isAdmin":true}') },
    { name: 'the example plus constructor', rawInput: withField('constructor', '{"prototype":{"x":1}}') },
  );
  for (const [key, value] of Object.entries(fields)) {
    const rest = Object.fromEntries(Object.entries(fields).filter(([k]) => k !== key));
    cases.push({ name: `without ${key}`, rawInput: JSON.stringify(rest) });
    for (const [label, text] of [
      ['null', 'null'],
      ['a number', '12345'],
      ['a string', '"wrong"'],
      ['a boolean', 'false'],
      ['an array', '[1,2]'],
      ['an object', '{"x":1}'],
      ['NaN', 'NaN'],
      ['Infinity', '1e999'],
      ['a 10 MB string', huge()],
      ['nested 20 deep', nested(20)],
    ] as const) {
      if (JSON.stringify(value) === text) continue;
      cases.push({ name: `${key} as ${label}`, rawInput: withField(key, text) });
    }
  }
  return cases;
}

export function callFrame(id: number, channel: string, rawInput: string | undefined): string {
  const input = rawInput === undefined ? '' : `,"input":${rawInput}`;
  return `{"type":"call","id":${id},"channel":${JSON.stringify(channel)}${input}}`;
}

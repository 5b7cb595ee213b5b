// Which bytes of a media file a request asks for (RFC 9110 §14: Range). A <video> element seeks by asking for
// `bytes=<offset>-`, so without this the review screen could only play a scene from its start.

export type ByteRange =
  /** Send the whole file (no Range, or a unit other than bytes, which RFC 9110 says to ignore). */
  | { kind: 'whole' }
  /** Send bytes start..end inclusive, as 206 with `Content-Range: bytes start-end/size`. */
  | { kind: 'partial'; start: number; end: number }
  /** 416, with a Content-Range that names only the size: malformed, or no range overlaps the file. */
  | { kind: 'unsatisfiable' };

const DIGITS = /^\d+$/;

/**
 * Parses a Range header against a file of `size` bytes.
 *
 * Several ranges (`bytes=0-99, 200-299`) are answered with the first satisfiable one only, as a plain 206:
 * browsers ask for one range at a time, and multipart/byteranges would be code no client of ours runs.
 * A malformed `bytes=` header is answered 416 rather than ignored, so a broken client shows up in the log.
 */
export function parseRange(header: string | null | undefined, size: number): ByteRange {
  if (header === null || header === undefined) return { kind: 'whole' };
  const equals = header.indexOf('=');
  const unit = equals < 0 ? '' : header.slice(0, equals).trim().toLowerCase();
  if (unit === '') return { kind: 'unsatisfiable' }; // no `unit=`: not a Range header at all
  // Another unit (`items=0-9`) is ignored, as RFC 9110 §14.2 requires.
  if (unit !== 'bytes') return { kind: 'whole' };

  const specs = header
    .slice(equals + 1)
    .split(',')
    .map((spec) => spec.trim())
    .filter((spec) => spec !== ''); // RFC 9110 §5.6.1: empty list elements are ignored
  if (specs.length === 0) return { kind: 'unsatisfiable' };
  let first: { start: number; end: number } | null = null;
  for (const spec of specs) {
    const range = parseOne(spec, size);
    if (range === 'malformed') return { kind: 'unsatisfiable' };
    if (range && !first) first = range;
  }
  return first ? { kind: 'partial', ...first } : { kind: 'unsatisfiable' };
}

/** One range-spec: its bytes within the file, null when it lies beyond the file, or 'malformed'. */
function parseOne(spec: string, size: number): { start: number; end: number } | null | 'malformed' {
  const dash = spec.indexOf('-');
  if (dash < 0) return 'malformed';
  const first = spec.slice(0, dash);
  const last = spec.slice(dash + 1);

  if (first === '') {
    // Suffix range: the last n bytes. `bytes=-0` asks for nothing, so it is unsatisfiable, not malformed.
    const length = toNumber(last);
    if (length === null) return 'malformed';
    if (length === 0 || size === 0) return null;
    return { start: Math.max(0, size - length), end: size - 1 };
  }

  const start = toNumber(first);
  if (start === null) return 'malformed';
  if (last === '') return start < size ? { start, end: size - 1 } : null;
  const end = toNumber(last);
  if (end === null || end < start) return 'malformed';
  return start < size ? { start, end: Math.min(end, size - 1) } : null;
}

function toNumber(text: string): number | null {
  if (!DIGITS.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : null;
}

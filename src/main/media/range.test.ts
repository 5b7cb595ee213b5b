import { describe, expect, it } from 'vitest';
import { parseRange } from './range';

const SIZE = 1000;

describe('Range header', () => {
  it('asks for the whole file when there is no Range header', () => {
    expect(parseRange(undefined, SIZE)).toEqual({ kind: 'whole' });
    expect(parseRange(null, SIZE)).toEqual({ kind: 'whole' });
  });

  it('reads bytes=a-b as the bytes a to b inclusive', () => {
    expect(parseRange('bytes=0-99', SIZE)).toEqual({ kind: 'partial', start: 0, end: 99 });
    expect(parseRange('bytes=500-500', SIZE)).toEqual({ kind: 'partial', start: 500, end: 500 });
  });

  it('cuts a range that runs past the end at the last byte', () => {
    expect(parseRange('bytes=900-5000', SIZE)).toEqual({ kind: 'partial', start: 900, end: 999 });
  });

  it('reads bytes=a- as from a to the end (how a video element seeks)', () => {
    expect(parseRange('bytes=0-', SIZE)).toEqual({ kind: 'partial', start: 0, end: 999 });
    expect(parseRange('bytes=999-', SIZE)).toEqual({ kind: 'partial', start: 999, end: 999 });
  });

  it('reads bytes=-n as the last n bytes, or the whole file when n is larger', () => {
    expect(parseRange('bytes=-100', SIZE)).toEqual({ kind: 'partial', start: 900, end: 999 });
    expect(parseRange('bytes=-5000', SIZE)).toEqual({ kind: 'partial', start: 0, end: 999 });
  });

  it('accepts the unit in any case and spaces around the ranges', () => {
    expect(parseRange('Bytes= 10-19 ', SIZE)).toEqual({ kind: 'partial', start: 10, end: 19 });
  });

  it('answers several ranges with the first satisfiable one', () => {
    expect(parseRange('bytes=0-9, 20-29', SIZE)).toEqual({ kind: 'partial', start: 0, end: 9 });
    expect(parseRange('bytes=5000-6000, 20-29', SIZE)).toEqual({ kind: 'partial', start: 20, end: 29 });
    expect(parseRange('bytes=0-9,,', SIZE)).toEqual({ kind: 'partial', start: 0, end: 9 });
  });

  it('finds a range that starts at or past the end unsatisfiable', () => {
    expect(parseRange('bytes=1000-', SIZE)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=1000-2000', SIZE)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-0', SIZE)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-10', 0)).toEqual({ kind: 'unsatisfiable' });
  });

  it('finds a malformed bytes range unsatisfiable', () => {
    for (const header of [
      'bytes=',
      'bytes=abc',
      'bytes=5',
      'bytes=-',
      'bytes=10-5',
      'bytes=1.5-2',
      'bytes=-1-2',
      'bytes=0x10-',
      'bytes=0-9, nonsense',
      'bytes=99999999999999999999-',
      '=0-9',
      'bytes 0-9',
    ]) {
      expect(parseRange(header, SIZE), header).toEqual({ kind: 'unsatisfiable' });
    }
  });

  it('ignores a range in a unit other than bytes, as RFC 9110 requires', () => {
    expect(parseRange('items=0-9', SIZE)).toEqual({ kind: 'whole' });
  });
});

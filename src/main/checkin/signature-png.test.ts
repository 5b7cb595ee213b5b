// What counts as a signature: a real PNG from the pad, of a sane size, with ink on it.
import { describe, expect, it } from 'vitest';
import { checkSignaturePng } from './signature-png';
import { signaturePng } from './test-support';

describe('checkSignaturePng', () => {
  it.each([0, 1, 2, 3, 4] as const)('accepts a drawn signature whatever the row filter (%i)', (filter) => {
    const check = checkSignaturePng(signaturePng({ filter }));
    expect(check).toMatchObject({ ok: true, width: 480, height: 160 });
    expect(check.inkPixels).toBeGreaterThan(1000);
  });

  it('refuses a blank pad: a valid image without ink', () => {
    expect(checkSignaturePng(signaturePng({ blank: true }))).toMatchObject({
      ok: false,
      problem: 'blank',
      inkPixels: 0,
    });
  });

  it('refuses bytes that are not a PNG, and a PNG cut short', () => {
    expect(checkSignaturePng(new TextEncoder().encode('<svg>not a png</svg>'.repeat(3)))).toEqual({
      ok: false,
      problem: 'not-png',
    });
    const whole = signaturePng();
    expect(checkSignaturePng(whole.subarray(0, whole.length - 20))).toMatchObject({ problem: 'not-png' });
  });

  it('refuses a PNG whose image data does not inflate to its stated size', () => {
    const png = Buffer.from(signaturePng());
    png.writeUInt32BE(161, 20); // IHDR height, no longer matching the data (and the CRC, which is not checked)
    expect(checkSignaturePng(png)).toMatchObject({ ok: false, problem: 'not-png' });
  });

  it('refuses a strip or a poster: dimensions outside what a pad makes', () => {
    expect(checkSignaturePng(signaturePng({ width: 60, height: 60 }))).toMatchObject({ problem: 'size' });
    expect(checkSignaturePng(signaturePng({ width: 2400, height: 100 }))).toMatchObject({ problem: 'size' });
  });
});

import { describe, expect, it } from 'vitest';
import { createScrubber, EMAIL_REMOVED, NAME_REMOVED, PHONE_REMOVED, SECRET_REMOVED } from './scrub';

const scrub = createScrubber({
  names: ['Sofia Martínez & Diego Ruiz', 'Anna-Katharina & Benedikt Keller-Hohenberg', 'Jo'],
  emails: ['sofía@ejemplo.es'],
  phones: ['+41 79 123 45 67'],
  secrets: ['scrypt$32768$8$1$c2FsdHNhbHRzYWx0c2FsdA==$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5'],
});

describe('the diagnostics scrubber', () => {
  it('removes every word of a passenger’s name, also without accents and inside file names', () => {
    expect(scrub('drawtext failed: "Sofia Martínez & Diego Ruiz"')).toBe(
      `drawtext failed: "${NAME_REMOVED} ${NAME_REMOVED} & ${NAME_REMOVED} ${NAME_REMOVED}"`,
    );
    expect(scrub('copy to /media/usb/MagnumStream/Sofia-Martinez-Diego-Ruiz-3f2b9c1e failed')).toBe(
      `copy to /media/usb/MagnumStream/${NAME_REMOVED}-${NAME_REMOVED}-${NAME_REMOVED}-${NAME_REMOVED}-3f2b9c1e failed`,
    );
    expect(scrub('KELLER-HOHENBERG')).toBe(`${NAME_REMOVED}-${NAME_REMOVED}`);
    expect(scrub('Jo called')).toBe(`${NAME_REMOVED} called`);
  });

  it('leaves ordinary words, the log’s own keys and words that only contain a name', () => {
    const line = '{"level":30,"time":"2026-12-02T10:00:00.000Z","msg":"export done and saved","jobs":2}';
    expect(scrub(line)).toBe(line);
    expect(scrub('Ruizhou Annabelle')).toBe('Ruizhou Annabelle');
  });

  it('removes e-mail addresses, known or not', () => {
    expect(scrub('queued for anna.keller+trip@example.co.uk today')).toBe(
      `queued for ${EMAIL_REMOVED} today`,
    );
    expect(scrub('"recipient":"sofía@ejemplo.es"')).toBe(`"recipient":"${EMAIL_REMOVED}"`);
  });

  it('removes known phone numbers however they are written, and international ones', () => {
    expect(scrub('phone +41 79 123 45 67')).toBe(`phone ${PHONE_REMOVED}`);
    expect(scrub('phone 079 123 45 67, or (079) 123-45-67')).toBe(
      `phone ${PHONE_REMOVED}, or (${PHONE_REMOVED}`,
    );
    expect(scrub('call +44 20 7946 0958')).toBe(`call ${PHONE_REMOVED}`);
  });

  it('keeps timestamps, ids and sizes', () => {
    const line = 'job 3f2b9c1e-8a4d at 2026-12-02T10:00:00.000Z wrote 1048576 bytes';
    expect(scrub(line)).toBe(line);
  });

  it('removes PIN hashes, known or only shaped like one, and download links', () => {
    expect(
      scrub('row scrypt$32768$8$1$c2FsdHNhbHRzYWx0c2FsdA==$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5'),
    ).toBe(`row ${SECRET_REMOVED}`);
    expect(scrub('other scrypt$1024$8$1$AAAAAAAAAAAAAAAAAAAAAA==$BBBB')).toBe(`other ${SECRET_REMOVED}`);
    expect(scrub('GET /d/Zk3v9QpL2xYtR8mN4bC7 404')).toBe('GET /d/[link removed] 404');
  });
});

// Takes customers' contact details and secrets out of text that leaves the kiosk in diagnostics. Log lines may
// hold them by accident: an ffmpeg error quoting the title card (passenger names), a copy error naming the
// delivery folder ("Anna-Keller-3f2b9c1e"), an address in a refused e-mail. Known values come from the
// database; e-mail addresses, +phone numbers, PIN hashes and download links are also caught by their shape.
// It errs on the side of removing: a passenger called "May" costs the word "may" in the logs, nothing more.

export interface ScrubList {
  /** Passenger names as checked in ("Anna & Ben Keller"): every word of them goes. */
  names: readonly string[];
  emails: readonly string[];
  phones: readonly string[];
  /** Exact strings that must never leave (PIN hashes). */
  secrets: readonly string[];
}

export const NAME_REMOVED = '[name removed]';
export const EMAIL_REMOVED = '[e-mail removed]';
export const PHONE_REMOVED = '[phone removed]';
export const SECRET_REMOVED = '[secret removed]';

/**
 * Words of a name that are not names, and the log's own keys: removing "and" or "msg" everywhere would make the
 * logs unreadable and protect nobody.
 */
const NOT_NAMES = new Set([
  'and',
  'und',
  'et',
  'y',
  'e',
  'the',
  'of',
  'with',
  'mr',
  'mrs',
  'ms',
  'dr',
  'family',
  'familie',
  'level',
  'time',
  'pid',
  'hostname',
  'msg',
  'err',
  'type',
  'message',
  'stack',
]);

/** Lower case without accents, so "Martínez" in a name also finds "Martinez" in a file name. */
const fold = (word: string): string =>
  word
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();

const WORD = /[\p{L}\p{N}]+/gu;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/** An international number: + then at least six digits with the separators people type. */
const PLUS_PHONE = /\+\d(?:[\s().-]*\d){5,}/g;
const PIN_HASH = /scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+/g;
/** A customer's download link carries its token in the path: /d/<token>. */
const DOWNLOAD_LINK = /\/d\/[A-Za-z0-9_-]{16,}/g;

/** Anything with an @ between non-space characters: checked against the known addresses (any script). */
const AT_WORD = /[^\s"'<>()[\],;:]+@[^\s"'<>()[\],;:]+/g;
/** Digits with the separators people type: checked against the known numbers, whatever their shape. */
const DIGIT_RUN = /\+?\d(?:[\s().-]*\d){5,}/g;

const digitsOf = (text: string) => text.replace(/\D/g, '');

export type Scrub = (text: string) => string;

/**
 * One pass per kind over each text, with known values in sets rather than in one long pattern: diagnostics scrub
 * up to tens of megabytes of logs against every flight's names.
 */
export function createScrubber(list: ScrubList): Scrub {
  const nameWords = new Set<string>();
  for (const names of list.names) {
    for (const word of names.match(WORD) ?? []) {
      const folded = fold(word);
      if (folded.length >= 2 && !NOT_NAMES.has(folded) && !/^\d+$/.test(folded)) nameWords.add(folded);
    }
  }
  const secrets = [...new Set(list.secrets.filter((secret) => secret.length >= 8))];
  const emails = new Set(list.emails.map((email) => email.trim().toLowerCase()).filter(Boolean));
  const phones = new Set(list.phones.map(digitsOf).filter((digits) => digits.length >= 6));
  // The same number written the national way ("079 123 45 67" for "+41 79 123 45 67") ends the same.
  const endings = new Set(
    [...phones].filter((digits) => digits.length >= 9).map((digits) => digits.slice(-8)),
  );
  const knownPhone = (run: string) => {
    const digits = digitsOf(run);
    return phones.has(digits) || (digits.length >= 9 && endings.has(digits.slice(-8)));
  };

  return (text) => {
    let out = text;
    for (const secret of secrets) out = out.split(secret).join(SECRET_REMOVED);
    out = out.replace(PIN_HASH, SECRET_REMOVED).replace(DOWNLOAD_LINK, '/d/[link removed]');
    if (emails.size > 0)
      out = out.replace(AT_WORD, (word) => (emails.has(word.toLowerCase()) ? EMAIL_REMOVED : word));
    out = out.replace(EMAIL, EMAIL_REMOVED);
    if (phones.size > 0) out = out.replace(DIGIT_RUN, (run) => (knownPhone(run) ? PHONE_REMOVED : run));
    out = out.replace(PLUS_PHONE, PHONE_REMOVED);
    if (nameWords.size > 0)
      out = out.replace(WORD, (word) => (nameWords.has(fold(word)) ? NAME_REMOVED : word));
    return out;
  };
}

// Case-insensitive comparison of people's words (names, search text) in every script, not only ASCII.
// SQLite's own lower(), upper(), LIKE and NOCASE fold A-Z only, so "Élise" and "élise" or "Ørjan" and "ørjan"
// would differ. Every connection gets `fold_case(text)` (db/open.ts), and main compares with foldCase in
// JavaScript by the same function, so SQL and code can never fold differently.
import type Sqlite from 'better-sqlite3';

/** The SQL name of foldCase on every connection opened by openDatabase. */
export const FOLD_CASE_SQL = 'fold_case';

/**
 * Full case folding, as near as JavaScript gets to Unicode's NFKC_Casefold: "Élise", "élise" and the
 * decomposed "E\u0301lise" are one; "STRASSE" and "straße" are one (upper-casing first turns ß into SS, which
 * lower() alone does not); compatibility forms ("ﬁ", full-width letters) read as their plain letters. The
 * upper-then-lower round trip is locale-free, so the kiosk's language never changes who is a duplicate.
 */
export function foldCase(text: string): string {
  // Plain ASCII (most names, every search of a 10,000-flight list) folds by lower() alone: NFKC leaves it as it
  // is and upper-then-lower changes nothing more. Skipping the four passes halves the search's cost.
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC');
}

const NON_ASCII = /[\u0080-\uffff]/;

/**
 * Registers fold_case on a connection. Deterministic, so SQLite may use it in WHERE and ORDER BY freely; it
 * must not appear in an index, a view or a CHECK: a connection that lacks it (the sqlite3 shell, a backup
 * tool) could then not read or write the table. Text only: NULL stays NULL, numbers and blobs pass through.
 */
export function registerUnicodeFunctions(sqlite: Sqlite.Database): void {
  sqlite.function(FOLD_CASE_SQL, { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? foldCase(value) : value,
  );
}

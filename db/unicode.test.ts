import { afterEach, describe, expect, it } from 'vitest';
import { openTempDatabase, type TempDatabase } from './test-support';
import { foldCase } from './unicode';

let t: TempDatabase | undefined;
afterEach(async () => {
  await t?.dispose();
  t = undefined;
});

describe('foldCase', () => {
  it('folds case in every script, composed or not, and ß as ss', () => {
    expect(foldCase('Ørjan')).toBe(foldCase('ørjan'));
    expect(foldCase('Élise')).toBe(foldCase('E\u0301LISE'));
    expect(foldCase('STRASSE')).toBe(foldCase('Straße'));
    expect(foldCase('ΣΟΦΊΑ')).toBe(foldCase('σοφία'));
  });

  it('keeps accents: they are letters, not case', () => {
    expect(foldCase('Élise')).not.toBe(foldCase('Elise'));
  });
});

describe('fold_case on a connection', () => {
  it('is there on every connection openDatabase makes, and agrees with foldCase', async () => {
    t = await openTempDatabase();
    const fold = t.sqlite.prepare('SELECT fold_case(?)').pluck();
    for (const text of ['Ørjan', 'E\u0301lise', 'Straße', 'ǅemal'])
      expect(fold.get(text)).toBe(foldCase(text));
    expect(fold.get(null)).toBeNull();
    expect(t.sqlite.prepare(`SELECT lower('Ørjan') = lower('ørjan')`).pluck().get()).toBe(0);
  });
});

// Migration 9: the seeded default template plays the shipped music bed (resources/music), so every souvenir
// video made with it has sound. Only a default nobody has given music is changed: an admin's choice stays.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

export const DEFAULT_MUSIC_ASSET = 'calm-chord-bed.m4a';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    UPDATE project_templates
    SET music_asset = ${DEFAULT_MUSIC_ASSET},
        updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    WHERE name = 'Default 8-slot' AND music_asset IS NULL
  `.execute(db);

  await sql`INSERT INTO schema_version (version) VALUES (9)`.execute(db);
}

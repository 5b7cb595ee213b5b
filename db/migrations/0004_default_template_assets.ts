// Migration 4: the seeded default template opens and closes with the intro and outro that now ship in
// resources/ (made by scripts/make-template-assets.mjs). Only a default nobody has given assets is changed:
// an admin's own choice stays.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

export const DEFAULT_INTRO_ASSET = 'scenic-flight-intro.mp4';
export const DEFAULT_OUTRO_ASSET = 'thank-you-outro.mp4';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    UPDATE project_templates
    SET intro_asset = ${DEFAULT_INTRO_ASSET},
        outro_asset = ${DEFAULT_OUTRO_ASSET},
        updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    WHERE name = 'Default 8-slot' AND intro_asset IS NULL AND outro_asset IS NULL
  `.execute(db);

  await sql`INSERT INTO schema_version (version) VALUES (4)`.execute(db);
}

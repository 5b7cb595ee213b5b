// The migration list, imported statically: a bundled app has no migrations folder to scan.
// Names sort in apply order; add a new file and a new line here, never edit a landed migration.
import type { Migration } from 'kysely';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_recording_summary';
import * as m0003 from './0003_seed_defaults';
import * as m0004 from './0004_default_template_assets';
import * as m0005 from './0005_sales_delivery';
import * as m0006 from './0006_photo_imports';
import * as m0007 from './0007_network_pin_lockout';
import * as m0008 from './0008_operations';
import * as m0009 from './0009_default_music_bed';
import * as m0010 from './0010_self_checkin';
import * as m0011 from './0011_price_rules';
import * as m0012 from './0012_mail';
import * as m0013 from './0013_sync_log';

export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_recording_summary': m0002,
  '0003_seed_defaults': m0003,
  '0004_default_template_assets': m0004,
  '0005_sales_delivery': m0005,
  '0006_photo_imports': m0006,
  '0007_network_pin_lockout': m0007,
  '0008_operations': m0008,
  '0009_default_music_bed': m0009,
  '0010_self_checkin': m0010,
  '0011_price_rules': m0011,
  '0012_mail': m0012,
  '0013_sync_log': m0013,
};

/** The number each migration inserts into schema_version: its name's leading digits. */
export const MIGRATION_NUMBERS = Object.keys(migrations).map((name) => Number(name.slice(0, 4)));

/**
 * schema_version after every migration has run. The highest number, not the count: migrations of parallel
 * branches land in any order, and a list briefly missing one must still agree with what each recorded.
 */
export const LATEST_SCHEMA_VERSION = Math.max(...MIGRATION_NUMBERS);

// The TypeScript value lists and the CHECK constraints must agree: every listed value is accepted.
import { describe, expect, it } from 'vitest';
import {
  EXPORT_JOB_KINDS,
  EXPORT_JOB_STATUSES,
  EXPORT_STATUSES,
  PAYMENT_METHODS,
  SALE_STATUSES,
  SCENE_STATUSES,
  STORAGE_KINDS,
  TRIP_PURPOSES,
  USER_ROLES,
} from './enums';
import { useFixtureDatabase } from './test-support';
import type { Fixtures } from './test-support';

let f: Fixtures;
useFixtureDatabase((_database, rows) => {
  f = rows;
});

describe('value lists shared by TypeScript and the schema', () => {
  it('accepts every user role', () => {
    for (const role of USER_ROLES) expect(() => f.user({ role })).not.toThrow();
  });

  it('accepts every export status and trip purpose on a flight', () => {
    for (const export_status of EXPORT_STATUSES) expect(() => f.recording({ export_status })).not.toThrow();
    for (const trip_purpose of TRIP_PURPOSES) expect(() => f.recording({ trip_purpose })).not.toThrow();
  });

  it('accepts every scene status', () => {
    for (const status of SCENE_STATUSES)
      expect(() => f.scene(f.recording().id, 'cruising', { status })).not.toThrow();
  });

  it('accepts every payment method and sale status', () => {
    const { id } = f.recording();
    for (const payment_method of PAYMENT_METHODS) expect(() => f.sale(id, { payment_method })).not.toThrow();
    for (const status of SALE_STATUSES) {
      const void_reason = status === 'completed' ? null : 'customer request';
      expect(() => f.sale(id, { status, void_reason })).not.toThrow();
    }
  });

  it('accepts every export job kind and status, and every storage kind', () => {
    const { id } = f.recording();
    for (const kind of EXPORT_JOB_KINDS) expect(() => f.exportJob(id, { kind })).not.toThrow();
    for (const status of EXPORT_JOB_STATUSES) expect(() => f.exportJob(id, { status })).not.toThrow();
    for (const kind of STORAGE_KINDS) expect(() => f.storage(id, { kind })).not.toThrow();
  });
});

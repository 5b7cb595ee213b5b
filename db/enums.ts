// The value lists the schema's CHECK constraints allow, for TypeScript. The migrations hold the same lists;
// a new value needs a migration as well as an entry here.

export const USER_ROLES = ['admin', 'crew', 'pilot'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const SCENE_TYPES = ['cruising', 'chase', 'arrival'] as const;
export type SceneType = (typeof SCENE_TYPES)[number];
/** The data model pairs each scene type with a fixed index; the database enforces the same pairing. */
export const SCENE_INDEX: Record<SceneType, 1 | 2 | 3> = { cruising: 1, chase: 2, arrival: 3 };

export type CameraAngle = 1 | 2;

export const EXPORT_STATUSES = ['not_exported', 'pending', 'processing', 'completed', 'failed'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

export const TRIP_PURPOSES = ['vacation', 'birthday', 'special_event', 'bucket_list', 'other'] as const;
export type TripPurpose = (typeof TRIP_PURPOSES)[number];

export const SCENE_STATUSES = ['pending', 'recording', 'recorded', 'recovered', 'failed'] as const;
export type SceneStatus = (typeof SCENE_STATUSES)[number];

export const PAYMENT_METHODS = ['cash', 'card', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const SALE_STATUSES = ['completed', 'voided', 'refunded'] as const;
export type SaleStatus = (typeof SALE_STATUSES)[number];

export const EXPORT_JOB_KINDS = ['video', 'photos'] as const;
export type ExportJobKind = (typeof EXPORT_JOB_KINDS)[number];

export const EXPORT_JOB_STATUSES = ['pending', 'processing', 'completed', 'failed', 'cancelled'] as const;
export type ExportJobStatus = (typeof EXPORT_JOB_STATUSES)[number];

export const STORAGE_KINDS = ['raw', 'export', 'photo', 'thumbnail'] as const;
export type StorageKind = (typeof STORAGE_KINDS)[number];

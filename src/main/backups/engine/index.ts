// The backup engine's public face: what the app (backups, storage, health) and the CLIs use.
export { BackupError } from './types';
export type { BackupPhase, BackupProgress } from './types';
export { backupDataDir } from './backup';
export type { BackupOptions, BackupResult } from './backup';
export { listGenerations, readVerifiedFiles, verifyGeneration } from './generations';
export type { GenerationInfo, VerifiedFiles } from './generations';
export { finishInterruptedRestore, restoreBackup, switchInRestored } from './restore';
export type { RestoreOptions, RestoreResult } from './restore';

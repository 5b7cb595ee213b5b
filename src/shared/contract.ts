// The IPC contract: every channel main serves and every event it emits, defined once. Main, preload, the
// browser client and the renderer are all typed from this file, so a channel cannot drift between them.
import type { z } from 'zod';
import type { ChannelDefinition, EventDefinition } from './define';
import type { Result } from './errors';
import { auditChannels } from './audit';
import { authChannels } from './auth';
import { backupsChannels, backupsEvents } from './backups';
import { bundlesChannels } from './bundles';
import { captureChannels, captureEvents } from './capture';
import { checkinChannels } from './checkin';
import { deliveryChannels, deliveryEvents } from './delivery';
import { devicesChannels } from './devices';
import { editorChannels } from './editor';
import { exportsChannels, exportsEvents } from './exports';
import { fleetChannels, fleetEvents } from './fleet';
import { healthChannels } from './health';
import { mailChannels } from './mail';
import { photosChannels, photosEvents } from './photos';
import { pricingChannels } from './pricing';
import { problemsChannels } from './problems';
import { recordingsChannels } from './recordings';
import { reportsChannels } from './reports';
import { salesChannels } from './sales';
import { segmentsChannels } from './segments';
import { settingsChannels } from './settings';
import { slotsChannels } from './slots';
import { storageChannels, storageEvents } from './storage';
import { systemChannels, systemEvents } from './system';
import { templatesChannels } from './templates';
import { usersChannels } from './users';

export type { Access, UserRole } from './define';

export const contract = {
  ...auditChannels,
  ...authChannels,
  ...backupsChannels,
  ...bundlesChannels,
  ...captureChannels,
  ...checkinChannels,
  ...deliveryChannels,
  ...devicesChannels,
  ...editorChannels,
  ...exportsChannels,
  ...fleetChannels,
  ...healthChannels,
  ...mailChannels,
  ...photosChannels,
  ...pricingChannels,
  ...problemsChannels,
  ...recordingsChannels,
  ...reportsChannels,
  ...salesChannels,
  ...segmentsChannels,
  ...settingsChannels,
  ...slotsChannels,
  ...storageChannels,
  ...systemChannels,
  ...templatesChannels,
  ...usersChannels,
} as const;

export const events = {
  ...backupsEvents,
  ...captureEvents,
  ...deliveryEvents,
  ...exportsEvents,
  ...fleetEvents,
  ...photosEvents,
  ...storageEvents,
  ...systemEvents,
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type InputOf<K extends ChannelName> = z.output<Contract[K]['input']>;
export type RawInputOf<K extends ChannelName> = z.input<Contract[K]['input']>;
export type OutputOf<K extends ChannelName> =
  Contract[K] extends ChannelDefinition<z.ZodType, infer Output> ? Output : never;

export type EventName = keyof typeof events;
export type PayloadOf<E extends EventName> =
  (typeof events)[E] extends EventDefinition<infer Payload> ? Payload : never;

export const channelNames = Object.keys(contract) as ChannelName[];
export const eventNames = Object.keys(events) as EventName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

// window.magnum.<area>.<verb>(input), derived from the `area.verb` channel names.
type AreaOf<K> = K extends `${infer Area}.${string}` ? Area : never;
type VerbOf<K, Area extends string> = K extends `${Area}.${infer Verb}` ? Verb : never;
type ChannelOf<Area extends string, Verb extends string> = `${Area}.${Verb}` & ChannelName;

export type EventListener = <E extends EventName>(event: E, payload: PayloadOf<E>) => void;

export type MagnumApi = {
  [Area in AreaOf<ChannelName>]: {
    [Verb in VerbOf<ChannelName, Area>]: (
      input: RawInputOf<ChannelOf<Area, Verb>>,
    ) => Promise<Result<OutputOf<ChannelOf<Area, Verb>>>>;
  };
} & {
  /** Subscribes to one event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: PayloadOf<E>) => void): () => void;
  /** Whether this screen can reach the kiosk service now (always true in Electron, where IPC cannot drop). */
  connection: ConnectionStatus;
};

export interface ConnectionStatus {
  online(): boolean;
  /** Called with the new state on every change; returns the unsubscribe function. */
  onChange(listener: (online: boolean) => void): () => void;
}

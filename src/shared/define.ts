// Building blocks for the contract: how a channel and an event are declared.
import { z } from 'zod';

export type UserRole = 'admin' | 'crew' | 'pilot';

/** Who may call a channel: `public` needs no sign-in (kiosk status, self-service intake); otherwise the roles. */
export type Access = 'public' | readonly UserRole[];

export interface ChannelDefinition<Input extends z.ZodType, Output, A extends Access = Access> {
  summary: string;
  input: Input;
  /** Kept as its literal type, so a handler of a signed-in channel is typed with a signed-in caller. */
  access: A;
  /** A valid input. The robustness harness mutates it, so every channel is attacked without hand-written cases. */
  example: z.input<Input>;
  /** Type-only marker for the output; never set at run time. */
  readonly output?: Output;
}

export interface EventDefinition<Payload> {
  summary: string;
  /** Type-only marker for the payload; never set at run time. */
  readonly payload?: Payload;
}

/** Declares a channel: the output type is given explicitly, the input type and access are inferred. */
export const channel =
  <Output>() =>
  <Input extends z.ZodType, const A extends Access>(
    definition: ChannelDefinition<Input, Output, A>,
  ): ChannelDefinition<Input, Output, A> =>
    definition;

export const event =
  <Payload>() =>
  (definition: EventDefinition<Payload>): EventDefinition<Payload> =>
    definition;

/** Who may call: anyone signed in, the ground crew (admins and crew), or admins alone. */
export const SIGNED_IN = ['admin', 'crew', 'pilot'] as const satisfies readonly UserRole[];
export const GROUND_CREW = ['admin', 'crew'] as const satisfies readonly UserRole[];
export const ADMIN_ONLY = ['admin'] as const satisfies readonly UserRole[];

/** A well-formed id for the channels' examples. */
export const EXAMPLE_ID = '3f2b9c1e-8a4d-4c6b-9e2f-1a2b3c4d5e6f';

export const idSchema = z.uuid('That is not a valid id.');

/** Paging of a list channel's input. */
export const pageInput = {
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).max(1_000_000).default(0),
};

export interface Page<T> {
  items: T[];
  total: number;
}

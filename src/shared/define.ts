// Building blocks for the contract: how a channel and an event are declared.
import type { z } from 'zod';

export type UserRole = 'admin' | 'crew' | 'pilot';

/** Who may call a channel: `public` needs no sign-in (kiosk status, self-service intake); otherwise the roles. */
export type Access = 'public' | readonly UserRole[];

export interface ChannelDefinition<Input extends z.ZodType, Output> {
  summary: string;
  input: Input;
  access: Access;
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

/** Declares a channel: the output type is given explicitly, the input type is inferred from its schema. */
export const channel =
  <Output>() =>
  <Input extends z.ZodType>(definition: ChannelDefinition<Input, Output>): ChannelDefinition<Input, Output> =>
    definition;

export const event =
  <Payload>() =>
  (definition: EventDefinition<Payload>): EventDefinition<Payload> =>
    definition;

// For tests of the transport and the dispatcher: a full handler map where only the channels a test names do
// anything, so adding a channel to the contract does not mean editing every such test; and a call's value.
import { channelNames } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import type { Handlers } from './dispatch';

export function handlersWith(overrides: Partial<Handlers>): Handlers {
  const unused = Object.fromEntries(
    channelNames.map((name) => [
      name,
      () => {
        throw new Error(`${name} is not used in this test`);
      },
    ]),
  );
  return { ...unused, ...overrides } as Handlers;
}

/** A call's value, or its refusal thrown as "CODE: message" so a test that did not expect it says why. */
export function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

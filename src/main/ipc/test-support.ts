// For tests of the transport and the dispatcher: a full handler map where only the channels a test names do
// anything, so adding a channel to the contract does not mean editing every such test.
import { channelNames } from '../../shared/contract';
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

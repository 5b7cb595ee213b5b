// Events from main to the screens, typed by the contract. Each transport subscribes once, through
// deliverEvents (audience.ts), which passes an event on only to connections whose user may see it.
import type { EventName, PayloadOf } from '../../shared/contract';

export type EventSink = (event: EventName, payload: unknown) => void;

export interface EventHub {
  emit<E extends EventName>(event: E, payload: PayloadOf<E>): void;
  subscribe(sink: EventSink): () => void;
}

export function createEventHub(): EventHub {
  const sinks = new Set<EventSink>();
  return {
    emit(event, payload) {
      for (const sink of sinks) sink(event, payload);
    },
    subscribe(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
  };
}

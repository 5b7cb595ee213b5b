// Events from main to every connected screen, typed by the contract; each transport subscribes once.
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

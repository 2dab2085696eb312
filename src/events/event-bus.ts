/** That a conversation has new events in the store; the events themselves are read from the store. */
export interface EventNotice {
  session_id: string;
}

/**
 * Wakes live streams when conversation events are written. A notice carries no events: the store stays
 * the source of truth (ids, order, resuming from `Last-Event-ID`), and a stream that hears one reads
 * what came after the last event it sent. Notices are a best-effort hint: a stream also re-reads the
 * store every so often, so a lost notice delays an event and never loses it.
 *
 * The in-process adapter serves one instance. One shared between instances (Redis pub/sub, PostgreSQL
 * LISTEN/NOTIFY) relays notices over the network: it keeps one subscription of its own per process and
 * fans out to local listeners, so `subscribe` stays synchronous and callers do not change.
 */
export interface EventBus {
  /**
   * Announces new events of `notice.session_id`. Called once they are committed (a stream woken earlier
   * would read nothing and go back to sleep). Returns at once and never throws: an adapter that crosses
   * the network sends in the background and reports a failure itself.
   */
  publish(notice: EventNotice): void;
  /**
   * Calls `listener` for each notice published from now on - of one conversation with `session_id`, of
   * every conversation without it - until the returned function is called (calling it again does
   * nothing). Listeners should only note that there is something to read; one that throws is reported
   * and the others still hear the notice.
   */
  subscribe(filter: { session_id?: string }, listener: (notice: EventNotice) => void): () => void;
}

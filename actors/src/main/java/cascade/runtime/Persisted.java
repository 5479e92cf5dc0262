package cascade.runtime;

/**
 * Marks what the durable event path writes to its journal: events and snapshots. Bound to the
 * Jackson (CBOR) serializer in {@code application.conf}, like {@link CrossesNodes}; every marked
 * type has a round-trip test, because a journal written today must be read by tomorrow's build.
 */
public interface Persisted {}

package cascade.runtime;

/**
 * Marks a message that may travel between cluster nodes. Only marked types are bound to the
 * Jackson (CBOR) serializer in {@code application.conf}, and Java serialization is off, so this
 * marker is the explicit allow-list of what can cross the wire: a type without it cannot be sent
 * to another node at all. Every marked type has a round-trip test.
 */
public interface CrossesNodes {}

package cascade.run;

/**
 * Something that happened to a node during a run, for the report.
 *
 * @param node  the node's name
 * @param event what happened: {@code killed} (its process), {@code removed} (the cluster downed and
 *              removed it)
 * @param atMs  milliseconds after the run started
 */
public record NodeEvent(String node, String event, double atMs) {}

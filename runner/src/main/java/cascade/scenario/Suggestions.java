package cascade.scenario;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean ...?": the closest known name by edit distance, when it is close enough. */
final class Suggestions {

  private Suggestions() {}

  /**
   * The candidate nearest to {@code given}, if at most a third of its length (and at least 2)
   * away; or, failing that, the shortest candidate that {@code given} begins (a name cut short).
   */
  static Optional<String> closest(String given, Collection<String> candidates) {
    Optional<String> near = nearest(given, candidates);
    if (near.isPresent() || given.length() < 3) {
      return near;
    }
    return candidates.stream().filter(c -> c.startsWith(given)).min(java.util.Comparator.comparingInt(String::length));
  }

  private static Optional<String> nearest(String given, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = distance(given, candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    int allowed = Math.max(2, given.length() / 3);
    return bestDistance <= allowed ? Optional.ofNullable(best) : Optional.empty();
  }

  /**
   * Names an earlier version used, and what they are called now. "seed" meant the tutorial's
   * variant of a thing as well as the random seed; it now means only the seed.
   */
  private static final java.util.Map<String, String> RENAMED = java.util.Map.of("seed", "tutorial", "seed-compatible", "tutorial");

  /** "; it is now called X ..." for a renamed name, "; did you mean X?", or nothing. */
  static String didYouMean(String given, Collection<String> candidates) {
    String renamed = RENAMED.get(given);
    if (renamed != null && candidates.contains(renamed)) {
      return "; it is now called " + renamed + " (\"seed\" names only the random seed)";
    }
    return closest(given, candidates).map(s -> "; did you mean " + s + "?").orElse("");
  }

  /** Levenshtein distance: insertions, deletions and substitutions each cost one. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}

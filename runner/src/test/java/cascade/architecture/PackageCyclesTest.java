package cascade.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of the main code depend on each other one way only. A cycle means neither side can
 * be read, tested or changed alone: the extension interfaces once lived in a package that also
 * depended on every feature they extend, which tied twelve packages into one knot. Read from the
 * sources, so that a new cycle is found by the test run that adds it.
 */
class PackageCyclesTest {

  private static final Path PROJECT = Path.of("..");
  private static final List<String> MODULES = List.of("actors", "runner", "testkit", "actor-testkit");
  private static final Pattern PACKAGE = Pattern.compile("^package (cascade(?:\\.[a-z]+)+);", Pattern.MULTILINE);
  /** A class named by its package, in an import or written out in the code. */
  private static final Pattern REFERENCE = Pattern.compile("\\b(cascade(?:\\.[a-z]+)+)\\.[A-Z]");

  @Test
  void noPackageOfTheMainCodeDependsOnItselfThroughOthers() throws IOException {
    Map<String, Set<String>> dependencies = dependencies();
    assertThat(dependencies).as("packages read").hasSizeGreaterThan(15);
    assertThat(cycles(dependencies)).isEmpty();
  }

  @Test
  void aCycleIsFound() {
    Map<String, Set<String>> knot = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
    assertThat(cycles(knot)).containsExactly(List.of("a", "b", "c"));
  }

  private static Map<String, Set<String>> dependencies() throws IOException {
    Map<String, Set<String>> dependencies = new TreeMap<>();
    for (String module : MODULES) {
      try (Stream<Path> files = Files.walk(PROJECT.resolve(module).resolve("src/main/java"))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          String code = withoutCommentsAndStrings(Files.readString(file));
          Matcher declared = PACKAGE.matcher(code);
          if (!declared.find()) {
            continue;
          }
          String own = declared.group(1);
          Set<String> uses = dependencies.computeIfAbsent(own, p -> new TreeSet<>());
          Matcher reference = REFERENCE.matcher(code.substring(declared.end()));
          while (reference.find()) {
            if (!reference.group(1).equals(own)) {
              uses.add(reference.group(1));
            }
          }
        }
      }
    }
    return dependencies;
  }

  /** Javadoc may name any class, and a string may name one to start (a process's main class). */
  private static String withoutCommentsAndStrings(String code) {
    return code.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("\"(?:[^\"\\\\\\n]|\\\\.)*\"", "\"\"").replaceAll("//[^\\n]*", "");
  }

  /** The groups of packages that reach each other (Tarjan's strongly connected components of two or more). */
  static List<List<String>> cycles(Map<String, Set<String>> dependencies) {
    Map<String, Integer> index = new TreeMap<>();
    Map<String, Integer> low = new TreeMap<>();
    Deque<String> stack = new ArrayDeque<>();
    List<List<String>> cycles = new ArrayList<>();
    for (String start : new TreeSet<>(dependencies.keySet())) {
      if (!index.containsKey(start)) {
        connect(start, dependencies, index, low, stack, cycles);
      }
    }
    return cycles;
  }

  private static void connect(
      String node, Map<String, Set<String>> dependencies, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack, List<List<String>> cycles) {
    index.put(node, index.size());
    low.put(node, index.get(node));
    stack.push(node);
    for (String next : dependencies.getOrDefault(node, Set.of())) {
      if (!index.containsKey(next)) {
        connect(next, dependencies, index, low, stack, cycles);
        low.put(node, Math.min(low.get(node), low.get(next)));
      } else if (stack.contains(next)) {
        low.put(node, Math.min(low.get(node), index.get(next)));
      }
    }
    if (low.get(node).equals(index.get(node))) {
      List<String> group = new ArrayList<>();
      String member;
      do {
        member = stack.pop();
        group.add(member);
      } while (!member.equals(node));
      if (group.size() > 1) {
        cycles.add(group.stream().sorted().toList());
      }
    }
  }
}

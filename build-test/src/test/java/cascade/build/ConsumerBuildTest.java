package cascade.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The lab as a library, tried as a new user would: the consumer project in examples/consumer
 * (its own pom, not a module of this build) is built against the artifacts this build packaged,
 * offline, and its tests run.
 *
 * <p>How, without touching the local repository other builds read: the reactor's poms and jars
 * are laid out as a Maven repository in a temporary folder; the consumer builds with a local
 * repository of its own (also temporary) and a settings file that names two file repositories,
 * the laid-out lab and this build's local repository (for Akka, JUnit and the plugins). {@code
 * -o} keeps it off the network; {@code -Daether.offline.protocols=file} lets Maven Resolver read
 * file repositories while offline. (A local repository keeps no checksums, so they are not asked
 * of the second; the lab's artifacts are laid out with theirs.) So a dependency the consumer needs that the lab does not
 * declare (the Jackson pin not reaching it, say) fails here as it would for a user.
 *
 * <p>Runs after every module is packaged ({@code mvn verify}); under {@code mvn test} the jars do
 * not exist yet and it is skipped.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsumerBuildTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final String GROUP_PATH = "io/github/cascadelab";
  private static final String VERSION = System.getProperty("cascade.build.version", "0.1.0-SNAPSHOT");

  /** Every published module: artifactId, folder, packaging (the runner's jar has a name of its own). */
  private static final List<String[]> MODULES =
      List.of(
          new String[] {"cascade-lab", ".", "pom"},
          new String[] {"cascade-bom", "bom", "pom"},
          new String[] {"cascade-cluster-config", "cluster-config", "jar"},
          new String[] {"cascade-actor-testkit", "actor-testkit", "jar"},
          new String[] {"cascade-actors", "actors", "jar"},
          new String[] {"cascade-examples", "examples", "jar"},
          new String[] {"cascade-runner", "runner", "jar"},
          new String[] {"cascade-testkit", "testkit", "jar"});

  private static Path work;
  private static Path consumer;
  private static Path settings;

  @BeforeAll
  static void layOut() throws IOException {
    for (String[] module : MODULES) {
      if (module[2].equals("jar")) {
        assumeTrue(Files.isRegularFile(jar(module)), "the modules are not packaged yet (run mvn verify): " + jar(module));
      }
    }
    Path target = Path.of("target").toAbsolutePath();
    Files.createDirectories(target);
    work = Files.createTempDirectory(target, "consumer-build-");
    Path lab = work.resolve("lab-repository");
    for (String[] module : MODULES) {
      Path folder = lab.resolve(GROUP_PATH).resolve(module[0]).resolve(VERSION);
      Files.createDirectories(folder);
      publish(ROOT.resolve(module[1]).resolve("pom.xml"), folder.resolve(module[0] + "-" + VERSION + ".pom"));
      if (module[2].equals("jar")) {
        publish(jar(module), folder.resolve(module[0] + "-" + VERSION + ".jar"));
      }
    }
    consumer = work.resolve("consumer");
    copyTree(ROOT.resolve("examples/consumer"), consumer);
    String outer = Path.of(System.getProperty("cascade.build.repository", System.getProperty("user.home") + "/.m2/repository")).toUri().toString();
    settings = work.resolve("settings.xml");
    Files.writeString(settings, """
        <settings>
          <localRepository>%s</localRepository>
          <profiles>
            <profile>
              <id>lab</id>
              <repositories>
                <repository><id>lab</id><url>%s</url><snapshots><enabled>true</enabled></snapshots></repository>
                <repository><id>build</id><url>%s</url><releases><checksumPolicy>ignore</checksumPolicy></releases></repository>
              </repositories>
              <pluginRepositories>
                <pluginRepository><id>build</id><url>%s</url><releases><checksumPolicy>ignore</checksumPolicy></releases></pluginRepository>
              </pluginRepositories>
            </profile>
          </profiles>
          <activeProfiles><activeProfile>lab</activeProfile></activeProfiles>
        </settings>
        """.formatted(work.resolve("local-repository"), lab.toUri(), outer, outer));
  }

  @Test
  @Order(1)
  void theConsumersTestsPassAgainstThePackagedArtifactsOffline() throws Exception {
    Build build = maven("consumer-tests", "test");

    assertThat(build.exitCode()).as(build.output()).isZero();
    assertThat(report("InventoryServiceTest")).as("the actor test with the extension").contains("tests=\"2\"", "failures=\"0\"", "errors=\"0\"", "skipped=\"0\"");
    assertThat(report("ResilienceClaimsTest")).as("the scenario claims").contains("tests=\"2\"", "failures=\"0\"", "errors=\"0\"", "skipped=\"0\"");
    assertThat(report("AmplificationClaimTest")).as("the failing claim, not asked for").contains("skipped=\"1\"");
    assertThat(build.output()).contains("Tests run: 5, Failures: 0, Errors: 0, Skipped: 1", "BUILD SUCCESS");
  }

  @Test
  @Order(2)
  void theClaimMeantToFailFailsWithTheFigureAndTheRunsTable() throws Exception {
    Build build = maven("consumer-failing-claim", "test", "-Dtest=AmplificationClaimTest", "-Dconsumer.failing=true");

    assertThat(build.exitCode()).as(build.output()).isNotZero();
    String report = report("AmplificationClaimTest");
    assertThat(report)
        .contains("tests=\"1\"", "failures=\"1\"")
        .contains("RPC: expected amplification at most 1.200, but was ")
        .contains("scenario checkout-burst (seed 7):")
        .contains("architecture  requests  succeeded  failed  rejected");
    assertThat(build.output()).contains("Tests run: 1, Failures: 1", "BUILD FAILURE");
  }

  record Build(int exitCode, String output) {}

  /** Runs Maven in the consumer's folder; its output also goes to target/NAME.log. */
  private static Build maven(String name, String... goals) throws Exception {
    String home = System.getProperty("cascade.build.maven");
    String mvn = home == null ? "mvn" : Path.of(home, "bin", "mvn").toString();
    List<String> command = new ArrayList<>(List.of(mvn, "-B", "-ntp", "-o", "-s", settings.toString(), "-Daether.offline.protocols=file",
        "-Dcascade.version=" + VERSION, "-Dstyle.color=never"));
    command.addAll(List.of(goals));
    Path log = work.resolve(name + ".log");
    Process process = new ProcessBuilder(command).directory(consumer.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("the consumer's build took more than 10 minutes; its output: " + log);
    }
    String output = Files.readString(log);
    // Kept beside the module's other reports, where a reader of a CI run finds it.
    Files.writeString(Path.of("target", log.getFileName().toString()), output);
    return new Build(process.exitValue(), output);
  }

  private static String report(String testClass) throws IOException {
    return Files.readString(consumer.resolve("target/surefire-reports/TEST-com.example.inventory." + testClass + ".xml"));
  }

  /** Copies a file into the repository with its SHA-1 beside it, as a deployment does (Maven checks it). */
  private static void publish(Path file, Path into) throws IOException {
    Files.copy(file, into);
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(file));
      Files.writeString(into.resolveSibling(into.getFileName() + ".sha1"), java.util.HexFormat.of().formatHex(digest));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }

  private static Path jar(String[] module) {
    String name = module[0].equals("cascade-runner") ? "cascade-runner.jar" : module[0] + "-" + VERSION + ".jar";
    return ROOT.resolve(module[1]).resolve("target").resolve(name);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path relative = from.relativize(path);
        if (relative.startsWith("target")) {
          continue;
        }
        Path copy = to.resolve(relative.toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(path, copy, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}

package cascade.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderClasspath;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigIncluderURL;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses a scenario file and the files it includes, each checked before it is read.
 *
 * <p>HOCON's own {@code include} rules suit layered application settings, not a lab whose results
 * must come from what the user wrote: a missing {@code include "x"} is silently skipped (the run
 * would use defaults the user thinks they replaced), a name not found beside the file is looked up
 * on the runner's class path, and the parser cannot say which line an include was written on. So a
 * scenario's includes are files only, looked for beside the file that includes them, and never
 * optional; every problem names the file it is in.
 */
final class ScenarioFile {

  /** Decimal megabytes, as the limit is written in messages and documentation. */
  private static final long BYTES_PER_MB = 1_000_000;

  private ScenarioFile() {}

  /** The file's keys, with those of the files it includes; unresolved ({@code ${...}} left as is). */
  static Config parse(Path path) {
    return parse(path, List.of());
  }

  /** @param including the files being read that (in turn) include this one, outermost first */
  private static Config parse(Path path, List<Path> including) {
    check(path);
    ConfigParseOptions options =
        ConfigParseOptions.defaults()
            .setAllowMissing(false)
            .setSyntax(ConfigSyntax.CONF)
            .setIncluder(new Includer(path, including));
    try {
      return ConfigFactory.parseFile(path.toFile(), options);
    } catch (ConfigException e) {
      // A syntax error's origin is the file it is in, which may be an included one.
      String where = UserInput.fileAndLine(e.origin());
      throw new ScenarioException((where == null ? path.toString() : where) + ": syntax error: " + UserInput.withoutOrigin(e));
    }
  }

  /** Refuses what cannot be a scenario file before parsing it: the parser reads it whole, into a tree many times its size. */
  private static void check(Path path) {
    if (!Files.exists(path)) {
      throw new ScenarioException(path + ": no such file");
    }
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw new ScenarioException(path + ": not a readable file");
    }
    long bytes;
    try {
      bytes = Files.size(path);
    } catch (IOException e) {
      throw new ScenarioException(path + ": cannot be read: " + e.getMessage());
    }
    if (bytes > ScenarioLoader.FILE_LIMIT_MB * BYTES_PER_MB) {
      // Rounded up, so that a file just over the limit is not reported as being at it.
      double megabytes = Math.ceil(bytes / (BYTES_PER_MB / 10.0)) / 10;
      throw new ScenarioException(
          String.format(Locale.ROOT, "%s: is %.1f MB; scenario files are limited to %d MB", path, megabytes, ScenarioLoader.FILE_LIMIT_MB));
    }
  }

  /**
   * Reads the includes of one file. Typesafe Config calls it for every {@code include} statement
   * of that file, in order, as it parses; a file it includes gets an includer of its own, so that
   * nested includes are looked for beside the file they are written in.
   */
  private static final class Includer implements ConfigIncluder, ConfigIncluderFile, ConfigIncluderClasspath, ConfigIncluderURL {

    private final Path file;
    private final List<Path> including;

    Includer(Path file, List<Path> including) {
      this.file = file;
      this.including = including;
    }

    /** Nothing falls back to HOCON's default includer: it would skip missing files and search the class path. */
    @Override
    public ConfigIncluder withFallback(ConfigIncluder fallback) {
      return this;
    }

    /** {@code include "x"}: a file name (HOCON would also try the class path). */
    @Override
    public ConfigObject include(ConfigIncludeContext context, String what) {
      return read(what, statement(context, "\"" + what + "\""));
    }

    /** {@code include file("x")}. */
    @Override
    public ConfigObject includeFile(ConfigIncludeContext context, File what) {
      return read(what.getPath(), statement(context, "file(\"" + what.getPath() + "\")"));
    }

    @Override
    public ConfigObject includeResources(ConfigIncludeContext context, String what) {
      throw refused(what, statement(context, "classpath(\"" + what + "\")"));
    }

    @Override
    public ConfigObject includeURL(ConfigIncludeContext context, URL what) {
      throw refused(what.toString(), statement(context, "url(\"" + what + "\")"));
    }

    private ConfigObject read(String name, String statement) {
      Path target = file.resolveSibling(name).normalize();
      // HOCON lets an include leave out the extension; a scenario's fragments are HOCON files.
      if (!Files.exists(target) && !target.getFileName().toString().contains(".")) {
        Path conf = file.resolveSibling(name + ".conf").normalize();
        target = Files.exists(conf) ? conf : target;
      }
      if (!Files.exists(target)) {
        throw problem(name, statement, "no such file " + target);
      }
      List<Path> chain = new ArrayList<>(including);
      chain.add(file);
      Path real = target.toAbsolutePath().normalize();
      if (chain.stream().anyMatch(p -> p.toAbsolutePath().normalize().equals(real))) {
        List<String> names = new ArrayList<>(chain.stream().map(Path::toString).toList());
        names.add(target.toString());
        throw problem(name, statement, "the files include each other: " + String.join(" -> ", names));
      }
      return parse(target, chain).root();
    }

    private ScenarioException refused(String name, String statement) {
      return problem(name, statement, "a scenario includes only files (written as \"name.conf\" or file(\"name.conf\")), found beside it");
    }

    private ScenarioException problem(String name, String statement, String message) {
      int line = lineOfInclude(name);
      return new ScenarioException((line > 0 ? file + ":" + line : file.toString()) + ": " + statement + ": " + message);
    }

    /**
     * The line of the first include statement naming {@code name}. Typesafe Config does not tell an
     * includer where it was called from, so the file is searched; the parser reaches its includes
     * in order and stops at the first that fails, which is this one.
     */
    private int lineOfInclude(String name) {
      Pattern statement = Pattern.compile("\\binclude\\b[^\"#]*\"" + Pattern.quote(name) + "\"");
      try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        int number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          number++;
          String text = line.strip();
          if (!text.startsWith("#") && !text.startsWith("//") && statement.matcher(text).find()) {
            return number;
          }
        }
      } catch (IOException e) {
        // The file was just parsed; if it cannot be read again, the message goes without its line.
      }
      return -1;
    }

    /** The statement as it was written, e.g. {@code include required("common.conf")}. */
    private static String statement(ConfigIncludeContext context, String target) {
      boolean required = !context.parseOptions().getAllowMissing();
      return "include " + (required ? "required(" + target + ")" : target);
    }
  }
}

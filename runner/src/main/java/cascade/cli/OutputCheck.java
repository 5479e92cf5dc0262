package cascade.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Where a run will write and listen, checked before it runs: a simulation's results must not be
 * lost at its end to a path that cannot take them, nor its nodes fail on a port that is taken.
 * Each check answers with the problem in words, or nothing.
 */
final class OutputCheck {

  private OutputCheck() {}

  /** A folder the reports can go to; it is created when missing. */
  static Optional<String> folder(Path folder) {
    if (Files.exists(folder) && !Files.isDirectory(folder)) {
      return Optional.of(folder + ": is a file, not a folder");
    }
    for (Path above = folder.toAbsolutePath().normalize().getParent(); above != null; above = above.getParent()) {
      if (Files.exists(above)) {
        if (!Files.isDirectory(above)) {
          return Optional.of(folder + ": cannot be created (" + above + " is a file, not a folder)");
        }
        break;
      }
    }
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      return Optional.of(folder + ": cannot be created (" + reason(e) + ")");
    }
    // Permissions alone do not tell (a read-only file system, another user's folder): try it.
    Path probe = folder.resolve(".cascade-write-check");
    try {
      Files.deleteIfExists(probe);
      Files.createFile(probe);
      Files.delete(probe);
    } catch (IOException e) {
      return Optional.of(folder + ": cannot be written to (" + reason(e) + ")");
    }
    return Optional.empty();
  }

  /** A file the JSON document can be written to; one that was not there before is not left behind. */
  static Optional<String> file(Path file) {
    if (Files.isDirectory(file)) {
      return Optional.of(file + ": is a folder, not a file");
    }
    Path parent = file.toAbsolutePath().normalize().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      return Optional.of(file + ": its folder " + parent + " does not exist");
    }
    boolean existed = Files.exists(file);
    // Opened without truncating: a file that is there keeps its content until the run replaces it.
    try (FileChannel ignored = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      // writable
    } catch (IOException e) {
      return Optional.of(file + ": cannot be written (" + reason(e) + ")");
    }
    if (!existed) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // It was created a moment ago; the run will write it anyway.
      }
    }
    return Optional.empty();
  }

  /** A port the first node can listen on ({@code 0}: the system picks one, always free). */
  static Optional<String> port(String host, int port) {
    if (port == 0) {
      return Optional.empty();
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(host + ":" + port + " cannot be listened on (" + reason(e) + "): is another run or program using it?");
    }
  }

  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such folder";
    }
    if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException) {
      return "a file is in the way";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}

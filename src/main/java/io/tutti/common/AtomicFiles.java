package io.tutti.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Writes files and directories so that an interrupted run leaves nothing that looks complete.
 *
 * <p>Every output is first written under a temporary sibling name ({@code .name.tmp-...}) and
 * renamed into place only once it is whole. A rename within one directory is atomic on POSIX file
 * systems, so a reader sees either the old output, or the new one, never half of it.
 *
 * <p>Known limit: nothing is forced to disk (no fsync) before a rename, so this protects against a
 * killed or failed process, not against a power loss, which may leave a renamed file with missing
 * contents. Tutti's outputs can all be made again from their inputs, so the cost of an fsync per
 * file was not paid.
 */
public final class AtomicFiles {

  /** Writes the content of one file. */
  @FunctionalInterface
  public interface FileWriter {
    void write(Path temporary) throws IOException;
  }

  private AtomicFiles() {}

  /**
   * Writes {@code target} through {@code writer}, which fills a temporary file; on success the
   * temporary file replaces the target, on failure it is removed and the target is untouched.
   */
  public static void writeFile(Path target, FileWriter writer) {
    Path absolute = target.toAbsolutePath();
    Path temporary = temporarySibling(absolute);
    try {
      Files.createDirectories(absolute.getParent());
      writer.write(temporary);
      moveIntoPlace(temporary, absolute);
    } catch (IOException e) {
      deleteQuietly(temporary);
      throw new TuttiException("Could not write " + target + ": " + describe(e), e);
    } catch (RuntimeException e) {
      deleteQuietly(temporary);
      throw e;
    }
  }

  /** Writes a whole directory through {@code writer}, then renames it to {@code target}. */
  public static void writeDirectory(Path target, FileWriter writer) {
    Path absolute = target.toAbsolutePath();
    Path temporary = temporarySibling(absolute);
    try {
      Files.createDirectories(absolute.getParent());
      Files.createDirectories(temporary);
      writer.write(temporary);
      if (Files.exists(absolute)) {
        // A directory cannot be replaced atomically: move the old one aside first, so that
        // at every moment either the old or the new output sits complete at the target.
        Path old = temporarySibling(absolute);
        Files.move(absolute, old, StandardCopyOption.ATOMIC_MOVE);
        try {
          moveIntoPlace(temporary, absolute);
        } catch (IOException | RuntimeException e) {
          // The new output could not take the target: put the old one back.
          Files.move(old, absolute, StandardCopyOption.ATOMIC_MOVE);
          throw e;
        }
        deleteQuietly(old);
      } else {
        moveIntoPlace(temporary, absolute);
      }
    } catch (IOException e) {
      deleteQuietly(temporary);
      throw new TuttiException("Could not write " + target + ": " + describe(e), e);
    } catch (RuntimeException e) {
      deleteQuietly(temporary);
      throw e;
    }
  }

  /** Writes a UTF-8 text file atomically. */
  public static void writeString(Path target, String content) {
    writeFile(target, temporary -> Files.writeString(temporary, content));
  }

  /** The temporary name used for {@code target}: hidden, in the same directory. */
  public static Path temporarySibling(Path target) {
    Path absolute = target.toAbsolutePath();
    String name =
        "."
            + absolute.getFileName()
            + ".tmp-"
            + ProcessHandle.current().pid()
            + "-"
            + System.nanoTime();
    return absolute.resolveSibling(name);
  }

  /** Deletes a file or a directory tree; missing paths are ignored. */
  public static void deleteQuietly(Path path) {
    if (path == null || !Files.exists(path)) {
      return;
    }
    try {
      Files.walkFileTree(
          path,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc)
                throws IOException {
              Files.deleteIfExists(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete " + path, e);
    }
  }

  private static void moveIntoPlace(Path temporary, Path target) throws IOException {
    try {
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
  }
}

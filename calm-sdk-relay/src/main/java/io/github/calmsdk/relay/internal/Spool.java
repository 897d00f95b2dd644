package io.github.calmsdk.relay.internal;

import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.relay.RelayStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * The relay's copies of exported files. A copy is written to a temporary name, fsync'd, renamed into place, and the
 * directory fsync'd, so a file named in a stored entry is whole after any crash.
 */
public final class Spool {
  private final Path dir;

  /** A spool in a directory, created when first used. */
  public Spool(Path dir) {
    this.dir = dir.toAbsolutePath();
  }

  /** The directory. */
  public Path dir() {
    return dir;
  }

  /**
   * Copies a file into the spool, durably.
   *
   * @param field the request's field, for the error
   * @throws CalmValidationException when the source cannot be read
   * @throws RelayStoreException when the spool cannot be written (full disk, permissions)
   */
  public Path copy(String field, Path source) {
    Path target = dir.resolve(UUID.randomUUID() + "-" + source.getFileName());
    Path tmp = dir.resolve(target.getFileName() + ".part");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new RelayStoreException("cannot create the spool directory " + dir + ": " + e + "; nothing was stored", e);
    }
    try (InputStream in = Files.newInputStream(source);
        FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      byte[] buf = new byte[64 * 1024];
      java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(buf);
      int n;
      while ((n = in.read(buf)) > 0) {
        bb.clear().limit(n);
        while (bb.hasRemaining()) {
          out.write(bb);
        }
      }
      out.force(true);
    } catch (java.nio.file.NoSuchFileException e) {
      deleteQuietly(tmp);
      if (!Files.exists(source)) {
        throw new CalmValidationException(field, source + " no longer exists; pass the path of the file to export");
      }
      throw new RelayStoreException("cannot write to the spool directory " + dir + ": " + e + "; nothing was stored", e);
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw new RelayStoreException(
          "cannot copy " + source.getFileName() + " into the spool directory " + dir + ": " + e.getMessage()
              + " (is the disk full?); nothing was stored", e);
    }
    try {
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target);
      }
      syncDirectory(dir);
    } catch (IOException e) {
      deleteQuietly(tmp);
      deleteQuietly(target);
      throw new RelayStoreException("cannot complete the copy into the spool directory " + dir + ": " + e, e);
    }
    return target;
  }

  /** Fsyncs a directory so a rename in it survives a crash; a no-op where the platform cannot open directories. */
  static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Windows cannot open a directory; its renames are durable once the file is flushed
    }
  }

  /** Deletes a spooled copy (never a file referenced in place). */
  public static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // left for a person; the entry no longer needs it
    }
  }
}

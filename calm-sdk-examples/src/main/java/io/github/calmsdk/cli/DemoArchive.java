package io.github.calmsdk.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes a small multitarget application archive (a zip with a manifest and a deployment descriptor) for the demo. */
final class DemoArchive {
  private DemoArchive() {}

  /**
   * Writes the archive.
   *
   * @param file where to write it
   * @param id the MTA id, such as {@code calm.demo.app}
   * @param version its version
   * @param padding bytes of filler so the upload has something to show
   * @return the file's size in bytes
   */
  static long write(Path file, String id, String version, int padding) throws IOException {
    try (OutputStream os = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(os)) {
      entry(zip, "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nCreated-By: calm demo\n");
      entry(zip, "META-INF/mtad.yaml",
          "_schema-version: \"3.1\"\nID: " + id + "\nversion: " + version + "\nmodules: []\n");
      zip.setLevel(0);
      entry(zip, "data/readme.txt", "calm demo payload\n".repeat(Math.max(1, padding / 18)));
    }
    return Files.size(file);
  }

  private static void entry(ZipOutputStream zip, String name, String text) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(text.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }
}

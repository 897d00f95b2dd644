package io.github.calmsdk.cli;

import io.github.calmsdk.core.http.UploadProgressListener;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;

/** A one-line upload progress bar on a terminal; draws at most once per percent. Silent when not a terminal. */
final class ProgressBar implements UploadProgressListener {
  private static final int WIDTH = 30;

  private final PrintStream err;
  private final String label;
  private final AtomicInteger lastPercent = new AtomicInteger(-1);

  ProgressBar(PrintStream err, String label) {
    this.err = err;
    this.label = label;
  }

  static UploadProgressListener forOutput(Output output, String label) {
    return output.terminal() && !output.json() ? new ProgressBar(output.err(), label) : UploadProgressListener.none();
  }

  @Override
  public void onProgress(long bytesSent, long totalBytes) {
    int percent = totalBytes <= 0 ? 100 : (int) Math.min(100, bytesSent * 100 / totalBytes);
    int last = lastPercent.get();
    if (percent <= last || !lastPercent.compareAndSet(last, percent)) {
      return;
    }
    int filled = percent * WIDTH / 100;
    err.print("\r" + render(label, percent, filled, bytesSent, totalBytes));
    if (percent == 100) {
      err.println();
    }
    err.flush();
  }

  static String render(String label, int percent, int filled, long sent, long total) {
    return String.format(
        "%s [%s%s] %3d%% %s/%s",
        label, "#".repeat(filled), " ".repeat(WIDTH - filled), percent, bytes(sent), bytes(total));
  }

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    if (n < 1024 * 1024) {
      return String.format("%.1f KiB", n / 1024.0);
    }
    if (n < 1024L * 1024 * 1024) {
      return String.format("%.1f MiB", n / (1024.0 * 1024));
    }
    return String.format("%.2f GiB", n / (1024.0 * 1024 * 1024));
  }
}

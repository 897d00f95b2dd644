package io.github.calmsdk.benchmarks;

import io.github.calmsdk.core.ClientContext;
import com.sun.management.GarbageCollectionNotificationInfo;
import io.github.calmsdk.features.Feature;
import io.github.calmsdk.features.FeatureQuery;
import io.github.calmsdk.features.FeaturesClient;
import io.github.calmsdk.features.FeaturesOptions;
import io.github.calmsdk.features.PagedIterable;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Figure 4: iterating all features of a {@link FeaturesClient#list(FeatureQuery)} listing in pages of 100 keeps the
 * heap flat. For 1,000 and 10,000 features:
 *
 * <ul>
 *   <li>live heap: used heap after a full GC before iterating (the baseline: client and server ready, holding
 *       nothing), and after a full GC in the middle of every page while iterating; the peak of the latter minus the
 *       baseline is what the iteration holds. It must not grow with the number of pages.
 *   <li>natural run: the same iteration without forced GCs, with the used heap sampled every millisecond (garbage
 *       included) and the used heap after each GC the JVM chose to run.
 * </ul>
 *
 * Run it with a small heap (run.sh uses -Xmx64m): {@code java -Xmx64m -cp benchmarks.jar
 * io.github.calmsdk.benchmarks.PagingHeap --counts 1000,10000 --out target/results}
 */
public final class PagingHeap {
  private PagingHeap() {}

  public static void main(String[] args) throws Exception {
    String[] counts = Results.arg(args, "--counts", "1000,10000").split(",");
    Path out = Path.of(Results.arg(args, "--out", "target/results"));
    FeaturesEndpoint endpoint = new FeaturesEndpoint();
    Results results = new Results("paging");
    System.out.println("PagingHeap: pages of 100, -Xmx" + Runtime.getRuntime().maxMemory() / (1024 * 1024) + "m");
    try (Loopback server = Loopback.start(Map.of(FeaturesEndpoint.PATH, endpoint))) {
      ClientContext context = ClientContext.builder().authorization(new StaticToken()).build();
      FeaturesClient client =
          FeaturesClient.create(context, server.base(), FeaturesOptions.builder().pageSize(100).build());
      PagedIterable<Feature> all = client.list(FeatureQuery.all());

      endpoint.total(1000);
      iterate(all, null); // class loading and JIT before anything is measured
      results.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
      for (String c : counts) {
        int n = Integer.parseInt(c.trim());
        endpoint.total(n);

        long[] samples = new long[n / 100 + 1]; // allocated before the baseline, so it is in both figures
        long baseline = liveHeap();
        int pagesBefore = endpoint.pages();
        long[] forced = iterate(all, samples);
        int pages = endpoint.pages() - pagesBefore;
        if (forced[0] != n) {
          throw new IllegalStateException("iterated " + forced[0] + " of " + n + " features");
        }
        long peakLive = forced[1];

        liveHeap();
        long[] natural = naturalRun(all, n);

        results
            .put(n + ".features", forced[0])
            .put(n + ".pageRequests", pages)
            .put(n + ".baselineLiveBytes", baseline)
            .put(n + ".peakLiveBytes", peakLive)
            .put(n + ".heldByIterationBytes", peakLive - baseline)
            .put(n + ".ratioPeakToBaseline", (double) peakLive / baseline)
            .put(n + ".firstPageLiveBytes", forced[2])
            .put(n + ".lastPageLiveBytes", forced[3])
            .put(n + ".medianLiveBytes", forced[4])
            .put(n + ".natural.peakUsedBytes", natural[0])
            .put(n + ".natural.maxAfterGcBytes", natural[1])
            .put(n + ".natural.gcs", natural[2]);
      }
      if (counts.length >= 2) {
        String small = counts[0].trim();
        String large = counts[counts.length - 1].trim();
        results
            .put("growthLargeMinusSmallBytes", heldOf(results, large) - heldOf(results, small))
            .put("peakLargeMinusSmallBytes",
                results.get(large + ".peakLiveBytes") - results.get(small + ".peakLiveBytes"))
            .put("driftLastMinusFirstPageBytes",
                results.get(large + ".lastPageLiveBytes") - results.get(large + ".firstPageLiveBytes"));
      }
      results.write(out);
    }
  }

  private static long heldOf(Results r, String n) {
    return r.get(n + ".heldByIterationBytes");
  }

  /**
   * Iterates; with a samples array, measures the live heap in the middle of every page into it. Returns {count,
   * peak live, first page's live, last page's live, median live}.
   */
  private static long[] iterate(PagedIterable<Feature> all, long[] samples) {
    long count = 0;
    long sink = 0;
    int taken = 0;
    for (Feature f : all) {
      sink += f.title().length();
      if (samples != null && count % 100 == 50 && taken < samples.length) {
        samples[taken++] = liveHeap();
      }
      count++;
    }
    if (sink == 0) {
      throw new IllegalStateException("no titles");
    }
    if (taken == 0) {
      return new long[] {count, 0, 0, 0, 0};
    }
    long[] live = Arrays.copyOf(samples, taken);
    if (System.getProperty("paging.trace") != null) {
      System.out.println("live samples: " + Arrays.toString(live));
    }
    long first = live[0];
    long last = live[taken - 1];
    Arrays.sort(live);
    return new long[] {count, live[taken - 1], first, last, live[taken / 2]};
  }

  /** Iterates without forcing GCs; returns {peak sampled used, max used after a GC, GCs}. */
  private static long[] naturalRun(PagedIterable<Feature> all, int n) throws InterruptedException {
    AtomicLong maxAfterGc = new AtomicLong();
    AtomicLong gcs = new AtomicLong();
    Set<String> heapPools =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());
    NotificationListener listener =
        (notification, handback) -> {
          if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
            return;
          }
          GarbageCollectionNotificationInfo info =
              GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
          long used = 0;
          for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(e.getKey())) {
              used += e.getValue().getUsed();
            }
          }
          maxAfterGc.accumulateAndGet(used, Math::max);
          gcs.incrementAndGet();
        };
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
    }
    AtomicLong peakUsed = new AtomicLong();
    Thread sampler =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                peakUsed.accumulateAndGet(
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                  Thread.sleep(1);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
    try {
      long[] r = iterate(all, null);
      if (r[0] != n) {
        throw new IllegalStateException("iterated " + r[0] + " of " + n + " features");
      }
    } finally {
      sampler.interrupt();
      sampler.join();
      Thread.sleep(100); // let the last GC notifications arrive
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        try {
          ((NotificationEmitter) gc).removeNotificationListener(listener);
        } catch (javax.management.ListenerNotFoundException ignored) {
          // not registered on this collector
        }
      }
    }
    return new long[] {peakUsed.get(), maxAfterGc.get(), gcs.get()};
  }

  /** Used heap right after a full collection. */
  private static long liveHeap() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}

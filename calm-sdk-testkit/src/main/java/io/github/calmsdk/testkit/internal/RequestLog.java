package io.github.calmsdk.testkit.internal;

import io.github.calmsdk.testkit.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;

/** Every request the fake received, in arrival order; safe for concurrent use. */
public final class RequestLog {
  private final Queue<RecordedRequest> requests = new ConcurrentLinkedQueue<>();

  void add(RecordedRequest request) {
    requests.add(request);
  }

  /** A copy of the log. */
  public List<RecordedRequest> all() {
    return List.copyOf(new ArrayList<>(requests));
  }

  /**
   * How many requests had the method ({@code "*"} for any) and a raw path the regex matches as a whole.
   *
   * @throws java.util.regex.PatternSyntaxException when the regex is invalid
   */
  public int count(String method, String pathRegex) {
    Pattern p = Pattern.compile(pathRegex);
    boolean any = method.equals("*");
    int n = 0;
    for (RecordedRequest r : requests) {
      if ((any || r.method().equalsIgnoreCase(method)) && p.matcher(r.path()).matches()) {
        n++;
      }
    }
    return n;
  }
}

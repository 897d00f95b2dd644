package io.github.calmsdk.features.internal;

import io.github.calmsdk.core.error.CalmDecodingException;
import io.github.calmsdk.core.error.ErrorDetails;
import io.github.calmsdk.features.PagedIterable;
import java.net.URI;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reads a collection page by page, only as far as it is consumed.
 *
 * <p>Client-driven paging asks for {@code $top}/{@code $skip} windows and stops at the first page shorter than
 * asked for (or longer: a server that ignores {@code $top}). An {@code @odata.nextLink} in a page takes precedence
 * and is followed as given, if it points to the same scheme, host and port as the service; a listing that follows
 * links ends at the first page without one. An empty page always ends the listing.
 *
 * @param <T> the entity type
 */
public final class Pager<T> implements PagedIterable<T> {
  /** The URI of one window of the collection. */
  @FunctionalInterface
  public interface Windows {
    /**
     * The URI of a window.
     *
     * @param skip entities to skip
     * @param top entities to return
     * @return the URI
     */
    URI window(int skip, int top);
  }

  private final Windows windows;
  private final URI first;
  private final Function<URI, Wire.Collection<T>> fetch;
  private final URI serviceRoot;
  private final int skip;
  private final Integer limit;
  private final int pageSize;

  private Pager(
      Windows windows,
      URI first,
      Function<URI, Wire.Collection<T>> fetch,
      URI serviceRoot,
      int skip,
      Integer limit,
      int pageSize) {
    this.windows = windows;
    this.first = first;
    this.fetch = Objects.requireNonNull(fetch, "fetch");
    this.serviceRoot = Objects.requireNonNull(serviceRoot, "serviceRoot");
    this.skip = skip;
    this.limit = limit;
    this.pageSize = pageSize;
  }

  /**
   * A listing paged by {@code $top}/{@code $skip} (and by nextLink when the server sends one).
   *
   * @param windows makes the URI of a window
   * @param fetch reads one page
   * @param serviceRoot the service root nextLinks must share an origin with
   * @param skip the entities to skip first
   * @param limit the most entities to return, or null for all
   * @param pageSize the entities asked for per page
   * @param <T> the entity type
   * @return the listing
   */
  public static <T> Pager<T> windowed(
      Windows windows,
      Function<URI, Wire.Collection<T>> fetch,
      URI serviceRoot,
      int skip,
      Integer limit,
      int pageSize) {
    return new Pager<>(Objects.requireNonNull(windows, "windows"), null, fetch, serviceRoot, skip, limit, pageSize);
  }

  /**
   * A listing read from one URI, following nextLinks while the server sends them.
   *
   * @param first the first page's URI
   * @param fetch reads one page
   * @param serviceRoot the service root nextLinks must share an origin with
   * @param <T> the entity type
   * @return the listing
   */
  public static <T> Pager<T> serverDriven(URI first, Function<URI, Wire.Collection<T>> fetch, URI serviceRoot) {
    return new Pager<>(null, Objects.requireNonNull(first, "first"), fetch, serviceRoot, 0, null, 0);
  }

  @Override
  public Iterator<T> iterator() {
    return new PageIterator();
  }

  private final class PageIterator implements Iterator<T> {
    private Iterator<T> page = Collections.emptyIterator();
    private int emitted;
    private int offset = skip;
    private URI nextLink = first;
    private boolean finished;

    @Override
    public boolean hasNext() {
      while (!page.hasNext()) {
        if (finished || limitReached()) {
          return false;
        }
        fetchNextPage();
      }
      return !limitReached();
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      emitted++;
      return page.next();
    }

    private boolean limitReached() {
      return limit != null && emitted >= limit;
    }

    private void fetchNextPage() {
      URI uri;
      int asked;
      if (nextLink != null) {
        uri = nextLink;
        asked = -1;
      } else {
        asked = limit == null ? pageSize : Math.min(pageSize, limit - emitted);
        uri = windows.window(offset, asked);
      }
      Wire.Collection<T> answer = fetch.apply(uri);
      List<T> items = answer.value() == null ? List.of() : answer.value();
      items = items.contains(null) ? items.stream().filter(Objects::nonNull).toList() : items;
      offset += items.size();
      URI link = answer.nextLink() == null || answer.nextLink().isBlank() ? null : resolve(uri, answer.nextLink());
      if (items.isEmpty()) {
        finished = true;
      } else if (link != null) {
        nextLink = link;
      } else {
        nextLink = null;
        finished = asked < 0 || items.size() != asked || windows == null;
      }
      page = items.iterator();
    }

    private URI resolve(URI current, String link) {
      URI next;
      try {
        next = current.resolve(link);
      } catch (IllegalArgumentException e) {
        throw badLink(current, "is not a valid URI", e);
      }
      if (!sameOrigin(next, serviceRoot)) {
        throw badLink(current, "points to another host (" + next.getHost() + "); it is not followed", null);
      }
      if (next.equals(current)) {
        throw badLink(current, "points to the page it came with", null);
      }
      return next;
    }

    private CalmDecodingException badLink(URI current, String problem, Throwable cause) {
      ErrorDetails d = new ErrorDetails(200, null, null, List.of(), null, "GET", current.getRawPath(), 0, null);
      return new CalmDecodingException("the server's @odata.nextLink " + problem, d, cause);
    }
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme() != null
        && a.getScheme().toLowerCase(Locale.ROOT).equals(b.getScheme().toLowerCase(Locale.ROOT))
        && a.getHost() != null
        && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI u) {
    if (u.getPort() >= 0) {
      return u.getPort();
    }
    return "http".equalsIgnoreCase(u.getScheme()) ? 80 : 443;
  }
}

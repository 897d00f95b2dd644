package io.github.calmsdk.features;

import java.util.Iterator;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A listing that is read from the server page by page, only as far as it is consumed: nothing is sent until the
 * first element is asked for, and the next page is fetched only when the current one is used up. Each {@link
 * #iterator()} or {@link #stream()} starts again from the first page. An iterator is for one thread; the listing
 * itself may be shared.
 *
 * <p>Paging follows the server: if a page carries an {@code @odata.nextLink} the SDK follows it (on the same host
 * only); otherwise it asks for the next page with {@code $skip}, and stops at the first page shorter than asked
 * for. A server failure while paging is thrown from {@code hasNext()} as the matching {@link
 * io.github.calmsdk.core.error.CalmException}.
 *
 * <pre>{@code
 * PagedIterable<Feature> all = features.list(FeatureQuery.forProject(projectId));
 * List<Feature> firstThree = all.stream().limit(3).toList(); // one request
 * for (Feature f : all) { ... }                              // pages through everything
 * }</pre>
 *
 * @param <T> the entity type
 */
public interface PagedIterable<T> extends Iterable<T> {

  /**
   * An iterator that fetches pages as it advances.
   *
   * @return a new iterator, starting at the first page
   */
  @Override
  Iterator<T> iterator();

  /**
   * A sequential stream that fetches pages as it is consumed; short-circuiting operations such as {@code limit} or
   * {@code findFirst} stop the fetching.
   *
   * @return a new stream, starting at the first page
   */
  default Stream<T> stream() {
    return StreamSupport.stream(spliterator(), false);
  }
}

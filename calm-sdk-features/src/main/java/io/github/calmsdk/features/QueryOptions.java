package io.github.calmsdk.features;

import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.core.internal.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The part that {@link EntityQuery} and {@link FeatureQuery} share: a raw filter, {@code $select}, {@code $orderby}
 * and the window of the result. Both queries check these values through its constructor and both builders keep them
 * in a {@link Builder}, so the rules and the builder steps are written once.
 *
 * @param filter a raw OData filter expression, or null
 * @param select the properties to return; empty for all
 * @param orderBy sort keys such as {@code "name asc"}, in order
 * @param top at most this many entities in total, or null for all
 * @param skip the number of entities to skip first, 0 or more
 * @param pageSize the page size, or null for the client's
 */
record QueryOptions(
    String filter, List<String> select, List<String> orderBy, Integer top, int skip, Integer pageSize) {

  /**
   * Checks the values, in this order: filter, select, orderBy, top, skip, pageSize.
   *
   * @throws CalmValidationException when the filter is blank, a property name is not a plain name, a sort key is
   *     malformed, top or skip is negative or the page size is below 1
   */
  QueryOptions {
    Checks.nullOrNonBlank("filter", filter, "pass an OData expression or leave it unset");
    select = QueryParts.select(select);
    orderBy = QueryParts.orderBy(orderBy);
    if (top != null) {
      Checks.nonNegative("top", top);
    }
    Checks.nonNegative("skip", skip);
    if (pageSize != null) {
      Checks.positive("pageSize", pageSize);
    }
  }

  /**
   * Makes a query from the shared values and the ones its own builder holds.
   *
   * @param <Q> the query type
   */
  @FunctionalInterface
  interface Factory<Q> {
    Q create(String filter, List<String> select, List<String> orderBy, Integer top, int skip, Integer pageSize);
  }

  /**
   * The shared state of the public query builders. It only collects values (sort keys excepted, which are checked as
   * they are added); the query's constructor checks the rest.
   */
  static final class Builder {
    private String filter;
    private final List<String> select = new ArrayList<>();
    private final List<String> orderBy = new ArrayList<>();
    private Integer top;
    private int skip;
    private Integer pageSize;

    void filter(String expression) {
      this.filter = expression;
    }

    void select(String... properties) {
      select.addAll(Arrays.asList(properties));
    }

    void orderBy(String property, boolean descending) {
      orderBy.add(QueryParts.sortKey(property, descending));
    }

    void top(int top) {
      this.top = top;
    }

    void skip(int skip) {
      this.skip = skip;
    }

    void pageSize(int pageSize) {
      this.pageSize = pageSize;
    }

    <Q> Q build(Factory<Q> factory) {
      return factory.create(filter, select, orderBy, top, skip, pageSize);
    }
  }
}

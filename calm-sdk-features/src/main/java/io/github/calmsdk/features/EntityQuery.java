package io.github.calmsdk.features;

import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.features.internal.OData;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which entities to list from the sets whose fields SAP does not publish (transports, transport references,
 * external and URL references): equality conditions, an optional raw filter, {@code $select}, {@code $orderby} and
 * the window of the result. Values in {@link Builder#where(String, String)} are sent as OData string literals with
 * quotes doubled and are percent-encoded.
 *
 * <pre>{@code
 * EntityQuery q = EntityQuery.builder()
 *     .where("parentUuid", featureUuid)
 *     .orderBy("name")
 *     .top(50)
 *     .build();
 * features.externalReferences(q).forEach(r -> System.out.println(r.name()));
 * }</pre>
 *
 * @param where property-equals-text conditions, combined with {@code and}, in the order given
 * @param filter a raw OData filter expression added with {@code and}, or null
 * @param select the properties to return; empty for all
 * @param orderBy sort keys such as {@code "name asc"}, in order
 * @param top at most this many entities in total, or null for all
 * @param skip the number of entities to skip first, 0 or more
 * @param pageSize the page size for this query, or null for {@link FeaturesOptions#pageSize()}
 */
public record EntityQuery(
    Map<String, String> where,
    String filter,
    List<String> select,
    List<String> orderBy,
    Integer top,
    int skip,
    Integer pageSize) {

  /**
   * Checks the values.
   *
   * @throws CalmValidationException when a value breaks a rule: a property name that is not a plain name, a null
   *     condition value, negative top or skip, or a page size below 1
   */
  public EntityQuery {
    Map<String, String> w = new LinkedHashMap<>();
    if (where != null) {
      where.forEach(
          (k, v) -> {
            OData.property(k, "where");
            if (v == null) {
              throw new CalmValidationException("where", "the value for '" + k + "' is null; pass the text to match");
            }
            w.put(k, v);
          });
    }
    where = Collections.unmodifiableMap(w);
    QueryOptions options = new QueryOptions(filter, select, orderBy, top, skip, pageSize);
    select = options.select();
    orderBy = options.orderBy();
  }

  /**
   * Everything, in pages of the client's page size.
   *
   * @return the query
   */
  public static EntityQuery all() {
    return builder().build();
  }

  /**
   * A builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link EntityQuery}. */
  public static final class Builder {
    private final Map<String, String> where = new LinkedHashMap<>();
    private final QueryOptions.Builder options = new QueryOptions.Builder();

    private Builder() {}

    /**
     * Only entities whose property equals a text ({@code property eq 'value'}).
     *
     * @param property the property name
     * @param value the text; any text is safe, it is sent as one literal
     * @return this builder
     */
    public Builder where(String property, String value) {
      where.put(property, value);
      return this;
    }

    /**
     * Adds a raw OData filter expression, combined with the conditions by {@code and}. It is sent as given (in
     * parentheses, percent-encoded): quote and escape the values in it yourself.
     *
     * @param expression an OData expression
     * @return this builder
     */
    public Builder filter(String expression) {
      options.filter(expression);
      return this;
    }

    /**
     * Returns only these properties (added to any given before).
     *
     * @param properties property names
     * @return this builder
     */
    public Builder select(String... properties) {
      options.select(properties);
      return this;
    }

    /**
     * Sorts ascending by a property, after any earlier sort keys.
     *
     * @param property the property name
     * @return this builder
     */
    public Builder orderBy(String property) {
      options.orderBy(property, false);
      return this;
    }

    /**
     * Sorts descending by a property, after any earlier sort keys.
     *
     * @param property the property name
     * @return this builder
     */
    public Builder orderByDescending(String property) {
      options.orderBy(property, true);
      return this;
    }

    /**
     * Returns at most this many entities in total.
     *
     * @param top 0 or more
     * @return this builder
     */
    public Builder top(int top) {
      options.top(top);
      return this;
    }

    /**
     * Skips this many entities first.
     *
     * @param skip 0 or more
     * @return this builder
     */
    public Builder skip(int skip) {
      options.skip(skip);
      return this;
    }

    /**
     * Sets the page size for this query.
     *
     * @param pageSize 1 or more
     * @return this builder
     */
    public Builder pageSize(int pageSize) {
      options.pageSize(pageSize);
      return this;
    }

    /**
     * Builds the query.
     *
     * @return the query
     * @throws CalmValidationException when a value breaks a rule of {@link EntityQuery}
     */
    public EntityQuery build() {
      return options.build(
          (filter, select, orderBy, top, skip, pageSize) ->
              new EntityQuery(where, filter, select, orderBy, top, skip, pageSize));
    }
  }
}

package io.github.calmsdk.features;

import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.core.internal.Checks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Which features to list or count, and how: filters, {@code $select}, {@code $orderby}, and the window of the
 * result ({@code top}, {@code skip}). Filter values are sent as OData literals with quotes doubled and are
 * percent-encoded, so no value can change the meaning of the query. Conditions are combined with {@code and};
 * several status codes with {@code or}.
 *
 * <p>{@code projectId} is sent as {@link FeaturesOptions#projectIdMode()} says: as a query parameter by default, or
 * inside {@code $filter}. {@code priorityCode} is compared as a number when it is all digits (Cloud ALM returns
 * priorities as numbers), otherwise as a string. {@link Builder#filter(String)} adds a raw OData expression that is
 * sent as given (only encoded): quote any values in it yourself.
 *
 * <pre>{@code
 * FeatureQuery q = FeatureQuery.builder()
 *     .projectId(projectId)
 *     .statusCodes(inTesting, tested)
 *     .titleContains("payment")
 *     .select("uuid", "displayId", "title", "statusCode")
 *     .expand("toStatus")
 *     .orderByDescending("modifiedAt")
 *     .top(500)
 *     .build();
 * features.list(q).stream().forEach(f -> System.out.println(f.displayId()));
 * long total = features.count(q);
 * }</pre>
 *
 * @param projectId only features of this project, or null
 * @param statusCodes only features with one of these status codes; empty for any
 * @param releaseId only features of this release, or null
 * @param priorityCode only features with this priority, or null
 * @param responsibleId only features with this responsible user, or null
 * @param title only features with exactly this title, or null
 * @param titleContains only features whose title contains this text, or null
 * @param modifiedAfter only features changed after this instant, or null
 * @param filter a raw OData filter expression added with {@code and}, or null
 * @param select the properties to return; empty for all
 * @param orderBy sort keys such as {@code "title asc"} or {@code "modifiedAt desc"}, in order
 * @param top at most this many features in total, or null for all; they are fetched in pages
 * @param skip the number of features to skip first, 0 or more
 * @param pageSize the page size for this query, or null for {@link FeaturesOptions#pageSize()}
 * @param expand the navigation properties to expand ({@code $expand}); empty for none. See {@link
 *     Builder#expand(String...)}
 */
public record FeatureQuery(
    String projectId,
    List<String> statusCodes,
    String releaseId,
    String priorityCode,
    String responsibleId,
    String title,
    String titleContains,
    Instant modifiedAfter,
    String filter,
    List<String> select,
    List<String> orderBy,
    Integer top,
    int skip,
    Integer pageSize,
    List<String> expand) {

  /**
   * Checks the values.
   *
   * @throws CalmValidationException when a value breaks a rule: blank ids, negative top or skip, a page size below
   *     1, or a property name that is not a plain name
   */
  public FeatureQuery {
    Checks.nullOrNonBlank("projectId", projectId, "pass a project id or leave it unset");
    statusCodes = statusCodes == null ? List.of() : List.copyOf(statusCodes);
    for (String s : statusCodes) {
      Checks.nonBlank("statusCodes", s, "pass codes from statuses()");
    }
    Checks.nullOrNonBlank("releaseId", releaseId, "pass a release id or leave it unset");
    Checks.nullOrNonBlank("priorityCode", priorityCode, "pass a code from priorities() or leave it unset");
    Checks.nullOrNonBlank("responsibleId", responsibleId, "pass a user id or leave it unset");
    QueryOptions options = new QueryOptions(filter, select, orderBy, top, skip, pageSize);
    select = options.select();
    orderBy = options.orderBy();
    expand = QueryParts.expand(expand);
  }

  /**
   * A query without {@code $expand}: the components before {@code expand} was added, kept so that code written
   * against them still compiles.
   *
   * @param projectId only features of this project, or null
   * @param statusCodes only features with one of these status codes; empty for any
   * @param releaseId only features of this release, or null
   * @param priorityCode only features with this priority, or null
   * @param responsibleId only features with this responsible user, or null
   * @param title only features with exactly this title, or null
   * @param titleContains only features whose title contains this text, or null
   * @param modifiedAfter only features changed after this instant, or null
   * @param filter a raw OData filter expression, or null
   * @param select the properties to return; empty for all
   * @param orderBy sort keys, in order
   * @param top at most this many features in total, or null for all
   * @param skip the number of features to skip first
   * @param pageSize the page size, or null for the client's
   * @throws CalmValidationException when a value breaks a rule
   */
  public FeatureQuery(
      String projectId,
      List<String> statusCodes,
      String releaseId,
      String priorityCode,
      String responsibleId,
      String title,
      String titleContains,
      Instant modifiedAfter,
      String filter,
      List<String> select,
      List<String> orderBy,
      Integer top,
      int skip,
      Integer pageSize) {
    this(
        projectId, statusCodes, releaseId, priorityCode, responsibleId, title, titleContains, modifiedAfter, filter,
        select, orderBy, top, skip, pageSize, List.of());
  }

  /**
   * All features, in pages of the client's page size.
   *
   * @return the query
   */
  public static FeatureQuery all() {
    return builder().build();
  }

  /**
   * All features of one project.
   *
   * @param projectId the project's id
   * @return the query
   * @throws CalmValidationException when projectId is blank
   */
  public static FeatureQuery forProject(String projectId) {
    return builder().projectId(Checks.nonBlank("projectId", projectId, "pass the project's id")).build();
  }

  /**
   * A builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link FeatureQuery}. */
  public static final class Builder {
    private String projectId;
    private final List<String> statusCodes = new ArrayList<>();
    private String releaseId;
    private String priorityCode;
    private String responsibleId;
    private String title;
    private String titleContains;
    private Instant modifiedAfter;
    private final List<String> expand = new ArrayList<>();
    private final QueryOptions.Builder options = new QueryOptions.Builder();

    private Builder() {}

    /**
     * Only features of a project.
     *
     * @param projectId the project's id
     * @return this builder
     */
    public Builder projectId(String projectId) {
      this.projectId = projectId;
      return this;
    }

    /**
     * Only features with one of these status codes (added to any given before).
     *
     * @param statusCodes codes from {@link FeaturesClient#statuses()}
     * @return this builder
     */
    public Builder statusCodes(String... statusCodes) {
      return statusCodes(Arrays.asList(statusCodes));
    }

    /**
     * Only features with one of these status codes (added to any given before).
     *
     * @param statusCodes codes from {@link FeaturesClient#statuses()}
     * @return this builder
     */
    public Builder statusCodes(Collection<String> statusCodes) {
      this.statusCodes.addAll(statusCodes);
      return this;
    }

    /**
     * Only features of a release.
     *
     * @param releaseId the release's id
     * @return this builder
     */
    public Builder releaseId(String releaseId) {
      this.releaseId = releaseId;
      return this;
    }

    /**
     * Only features with a priority.
     *
     * @param priorityCode a code from {@link FeaturesClient#priorities()}
     * @return this builder
     */
    public Builder priorityCode(String priorityCode) {
      this.priorityCode = priorityCode;
      return this;
    }

    /**
     * Only features with a responsible user.
     *
     * @param responsibleId the user's id
     * @return this builder
     */
    public Builder responsibleId(String responsibleId) {
      this.responsibleId = responsibleId;
      return this;
    }

    /**
     * Only features with exactly this title. Any text is safe: it is sent as one literal.
     *
     * @param title the title
     * @return this builder
     */
    public Builder title(String title) {
      this.title = title;
      return this;
    }

    /**
     * Only features whose title contains a text ({@code contains(title,'...')}).
     *
     * @param text the text
     * @return this builder
     */
    public Builder titleContains(String text) {
      this.titleContains = text;
      return this;
    }

    /**
     * Only features changed after an instant ({@code modifiedAt gt ...}).
     *
     * @param instant the instant
     * @return this builder
     */
    public Builder modifiedAfter(Instant instant) {
      this.modifiedAfter = instant;
      return this;
    }

    /**
     * Adds a raw OData filter expression, combined with the other conditions by {@code and}. It is sent as given
     * (in parentheses, percent-encoded): quote and escape the values in it yourself.
     *
     * @param expression an OData expression, such as {@code "type eq 'X'"}
     * @return this builder
     */
    public Builder filter(String expression) {
      options.filter(expression);
      return this;
    }

    /**
     * Returns only these properties (added to any given before).
     *
     * @param properties property names, such as {@code "title"}
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
     * Returns at most this many features in total.
     *
     * @param top 0 or more
     * @return this builder
     */
    public Builder top(int top) {
      options.top(top);
      return this;
    }

    /**
     * Skips this many features first.
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
     * Expands navigation properties of each feature ({@code $expand}); the expanded values arrive in {@link
     * Feature#other()} under their names. SAP's Features API page lists {@code $expand} on {@code /Features} but
     * not the navigation properties; a community server lists {@code toProject, toRelease, toScope, toStatus,
     * toPriority, toTransports, toExternalReferences}, and one client uses {@code externalReferences} instead. Read
     * your tenant's {@code $metadata} to confirm; names are sent as given (checked to be plain property names).
     *
     * @param navigationProperties names such as {@code "toStatus"}, {@code "toTransports"}
     * @return this builder
     */
    public Builder expand(String... navigationProperties) {
      expand.addAll(Arrays.asList(navigationProperties));
      return this;
    }

    /**
     * Builds the query.
     *
     * @return the query
     * @throws CalmValidationException when a value breaks a rule of {@link FeatureQuery}
     */
    public FeatureQuery build() {
      return options.build(
          (filter, select, orderBy, top, skip, pageSize) ->
              new FeatureQuery(
                  projectId,
                  statusCodes,
                  releaseId,
                  priorityCode,
                  responsibleId,
                  title,
                  titleContains,
                  modifiedAfter,
                  filter,
                  select,
                  orderBy,
                  top,
                  skip,
                  pageSize,
                  expand));
    }
  }
}

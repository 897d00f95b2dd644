package io.github.calmsdk.features;

import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.core.internal.Checks;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Settings of a {@link FeaturesClient}. Start from {@link #defaults()} or {@link #builder()}; every value has a
 * default.
 *
 * <ul>
 *   <li>{@code servicePath} {@value #DEFAULT_SERVICE_PATH}: appended to the API base URL ({@code endpoints.Api} of
 *       the service key).
 *   <li>{@code projectIdMode} {@link ProjectIdMode#QUERY_PARAMETER}: see {@link ProjectIdMode} for why.
 *   <li>{@code pageSize} {@value #DEFAULT_PAGE_SIZE}: the {@code $top} of each page request. Cloud ALM publishes no
 *       page-size cap; lower it if a tenant rejects or cuts pages.
 *   <li>{@code codeListCacheTtl} 1 hour: how long the {@code /FeatureStatus} and {@code /FeaturePriorities} lists
 *       are kept before they are read again; {@link Duration#ZERO} reads them on every use.
 *   <li>{@code validateStatusCodes} true: a status code is checked against {@code /FeatureStatus} before it is
 *       sent. Turn it off only if the service key may not read that list.
 * </ul>
 *
 * <pre>{@code
 * FeaturesOptions o = FeaturesOptions.builder()
 *     .projectIdMode(ProjectIdMode.FILTER)
 *     .pageSize(50)
 *     .codeListCacheTtl(Duration.ofMinutes(10))
 *     .build();
 * }</pre>
 *
 * @param servicePath the path of the Features service below the API base, starting with '/'
 * @param projectIdMode how a project restriction is sent
 * @param pageSize the number of entities asked for per page, 1 or more
 * @param codeListCacheTtl how long code lists are cached, zero or more
 * @param validateStatusCodes whether status codes are checked against {@code /FeatureStatus} before sending
 */
public record FeaturesOptions(
    String servicePath,
    ProjectIdMode projectIdMode,
    int pageSize,
    Duration codeListCacheTtl,
    boolean validateStatusCodes) {

  /** The default service path. */
  public static final String DEFAULT_SERVICE_PATH = "/calm-features/v1";

  /** The default page size. */
  public static final int DEFAULT_PAGE_SIZE = 100;

  /** The default time code lists are cached. */
  public static final Duration DEFAULT_CODE_LIST_CACHE_TTL = Duration.ofHours(1);

  /** One or more path segments of RFC 3986 path characters, percent-escapes included. */
  private static final Pattern SERVICE_PATH = Pattern.compile("(/[A-Za-z0-9\\-._~%!$&'()*+,;=:@]+)+/?");

  /**
   * Checks the values.
   *
   * @throws CalmValidationException when a value is missing or out of range
   */
  public FeaturesOptions {
    Checks.nonBlank("servicePath", servicePath, "pass a path such as \"" + DEFAULT_SERVICE_PATH + "\"");
    if (!SERVICE_PATH.matcher(servicePath).matches()) {
      throw new CalmValidationException(
          "servicePath",
          "must start with '/' and hold only URL path characters (no query, fragment or spaces), was \""
              + servicePath
              + "\"; pass a path such as \""
              + DEFAULT_SERVICE_PATH
              + "\"");
    }
    if (projectIdMode == null) {
      throw new CalmValidationException("projectIdMode", "is missing; pass ProjectIdMode.QUERY_PARAMETER or FILTER");
    }
    Checks.positive("pageSize", pageSize);
    if (codeListCacheTtl == null || codeListCacheTtl.isNegative()) {
      throw new CalmValidationException(
          "codeListCacheTtl", "must be zero or more, was " + codeListCacheTtl + "; pass Duration.ZERO to disable the cache");
    }
  }

  /**
   * The defaults.
   *
   * @return the default options
   */
  public static FeaturesOptions defaults() {
    return builder().build();
  }

  /**
   * A builder that starts from the defaults.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder that starts from these options.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    return new Builder()
        .servicePath(servicePath)
        .projectIdMode(projectIdMode)
        .pageSize(pageSize)
        .codeListCacheTtl(codeListCacheTtl)
        .validateStatusCodes(validateStatusCodes);
  }

  /** Builds {@link FeaturesOptions}; starts from the defaults. */
  public static final class Builder {
    private String servicePath = DEFAULT_SERVICE_PATH;
    private ProjectIdMode projectIdMode = ProjectIdMode.QUERY_PARAMETER;
    private int pageSize = DEFAULT_PAGE_SIZE;
    private Duration codeListCacheTtl = DEFAULT_CODE_LIST_CACHE_TTL;
    private boolean validateStatusCodes = true;

    private Builder() {}

    /**
     * Sets the path of the service below the API base, for a gateway that mounts it elsewhere.
     *
     * @param servicePath a path starting with '/', such as {@code "/calm-features/v1"}
     * @return this builder
     */
    public Builder servicePath(String servicePath) {
      this.servicePath = servicePath;
      return this;
    }

    /**
     * Sets how a project restriction is sent.
     *
     * @param projectIdMode the mode
     * @return this builder
     */
    public Builder projectIdMode(ProjectIdMode projectIdMode) {
      this.projectIdMode = Objects.requireNonNull(projectIdMode, "projectIdMode");
      return this;
    }

    /**
     * Sets the number of entities asked for per page.
     *
     * @param pageSize 1 or more
     * @return this builder
     */
    public Builder pageSize(int pageSize) {
      this.pageSize = pageSize;
      return this;
    }

    /**
     * Sets how long the status and priority lists are cached.
     *
     * @param ttl zero (no cache) or more
     * @return this builder
     */
    public Builder codeListCacheTtl(Duration ttl) {
      this.codeListCacheTtl = ttl;
      return this;
    }

    /**
     * Sets whether status codes are checked against {@code /FeatureStatus} before a create, update or status change
     * is sent.
     *
     * @param validate true to check
     * @return this builder
     */
    public Builder validateStatusCodes(boolean validate) {
      this.validateStatusCodes = validate;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     * @throws CalmValidationException when a value is out of range
     */
    public FeaturesOptions build() {
      return new FeaturesOptions(servicePath, projectIdMode, pageSize, codeListCacheTtl, validateStatusCodes);
    }
  }
}

package io.github.calmsdk.features;

/**
 * How a project restriction is sent when features are listed or counted. Tenants disagree: a community client
 * reports that live tenants answer HTTP 400 when {@code projectId} appears inside {@code $filter} and want it as a
 * plain query parameter, while the api.sap.com sandbox accepts it in {@code $filter}. SAP documents neither form,
 * so both are supported. The default is {@link #QUERY_PARAMETER}, the form reported to work on live tenants.
 *
 * <pre>{@code
 * FeaturesOptions sandbox = FeaturesOptions.builder().projectIdMode(ProjectIdMode.FILTER).build();
 * // GET .../Features?$filter=projectId%20eq%20%27p-1%27&$top=100&$skip=0
 * FeaturesOptions live = FeaturesOptions.defaults();
 * // GET .../Features?projectId=p-1&$top=100&$skip=0
 * }</pre>
 */
public enum ProjectIdMode {
  /** {@code $filter=projectId eq '<id>'} (combined with the other filter conditions by {@code and}). */
  FILTER,
  /** {@code ?projectId=<id>} as a plain query parameter next to the OData system query options. */
  QUERY_PARAMETER
}

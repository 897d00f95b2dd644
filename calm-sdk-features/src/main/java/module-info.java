/**
 * A typed client for the Cloud ALM Features API (OData v4 at {@code {endpoints.Api}/calm-features/v1}): features,
 * their status and priority code lists, transports, transport references, external and URL references.
 *
 * <pre>{@code
 * FeaturesClient features = FeaturesClient.create(ClientContext.defaults(), URI.create("https://eu10.alm.cloud.sap/api"),
 *     FeaturesOptions.defaults());
 * features.list(FeatureQuery.forProject(projectId)).stream().forEach(f -> System.out.println(f.title()));
 * }</pre>
 */
module io.github.calmsdk.features {
  requires transitive io.github.calmsdk.core;
  requires org.slf4j;

  exports io.github.calmsdk.features;

  opens io.github.calmsdk.features to com.fasterxml.jackson.databind;
  opens io.github.calmsdk.features.internal to com.fasterxml.jackson.databind;
}

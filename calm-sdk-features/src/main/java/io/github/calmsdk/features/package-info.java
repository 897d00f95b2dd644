/**
 * The Cloud ALM Features API: {@link io.github.calmsdk.features.FeaturesClient} and its values and requests.
 *
 * <p>Values the server sends are records ({@link io.github.calmsdk.features.Feature}, {@link
 * io.github.calmsdk.features.FeatureStatus}, {@link io.github.calmsdk.features.Transport}, ...) that tolerate
 * unknown fields; requests with more than a few fields have builders ({@link io.github.calmsdk.features.NewFeature},
 * {@link io.github.calmsdk.features.FeatureUpdate}, {@link io.github.calmsdk.features.FeatureQuery}); listings are
 * lazy {@link io.github.calmsdk.features.PagedIterable}s. Status codes are never hard-coded: read them with {@link
 * io.github.calmsdk.features.FeaturesClient#statuses()}.
 *
 * <pre>{@code
 * FeaturesClient features = FeaturesClient.create(pipeline, URI.create("https://eu10.alm.cloud.sap/api"));
 * features.list(FeatureQuery.forProject(projectId)).stream()
 *     .filter(f -> f.releaseId() == null)
 *     .forEach(f -> System.out.println(f.displayId() + " has no release"));
 * }</pre>
 */
package io.github.calmsdk.features;

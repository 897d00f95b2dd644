package io.github.calmsdk.features;

/**
 * One entry of the tenant's feature status list ({@code GET /FeatureStatus}). The technical codes are not public
 * and may differ between tenants, so the SDK never hard-codes them: read them with {@link FeaturesClient#statuses()}.
 *
 * <pre>{@code
 * String inTesting = features.statuses().stream()
 *     .filter(s -> s.name().equals("In Testing"))
 *     .map(FeatureStatus::code)
 *     .findFirst().orElseThrow();
 * features.setStatus(featureUuid, inTesting);
 * }</pre>
 *
 * @param code the technical code sent as a feature's {@code statusCode}
 * @param name the display name, such as {@code In Testing}
 */
public record FeatureStatus(String code, String name) {}

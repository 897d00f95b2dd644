package io.github.calmsdk.features;

/**
 * One entry of the tenant's feature priority list ({@code GET /FeaturePriorities}). A code that the server sends as
 * a number is read as its text.
 *
 * <pre>{@code
 * for (FeaturePriority p : features.priorities()) {
 *   System.out.println(p.code() + " = " + p.name());
 * }
 * }</pre>
 *
 * @param code the code sent as a feature's {@code priorityCode}
 * @param name the display name
 */
public record FeaturePriority(String code, String name) {}

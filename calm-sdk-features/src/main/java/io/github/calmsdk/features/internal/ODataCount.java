package io.github.calmsdk.features.internal;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The count of a {@code $count=true&$top=0} answer.
 *
 * @param count the total, or null when the server sent none
 */
public record ODataCount(@JsonProperty("@odata.count") Long count) {}

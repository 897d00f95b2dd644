package io.github.calmsdk.features;

import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.features.internal.OData;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Checks the untyped fields of a create request. */
final class ExtraFields {
  private ExtraFields() {}

  static Map<String, Object> check(Map<String, Object> extra, Set<String> typed) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (extra != null) {
      extra.forEach(
          (k, v) -> {
            OData.property(k, "field");
            if (k.contains("/")) {
              throw new CalmValidationException("field", "'" + k + "' is a path; pass a plain property name");
            }
            if (typed.contains(k)) {
              throw new CalmValidationException(
                  "field", "'" + k + "' has its own setter on the builder; use that instead of field()");
            }
            if (v != null && !(v instanceof String || v instanceof Number || v instanceof Boolean)) {
              throw new CalmValidationException(
                  "field", "the value of '" + k + "' is a " + v.getClass().getName()
                      + "; pass a String, Number, Boolean or null");
            }
            out.put(k, v);
          });
    }
    return Collections.unmodifiableMap(out);
  }
}

package io.github.calmsdk.features;

import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.features.internal.OData;
import java.util.List;

/** Checks shared by the query types. */
final class QueryParts {
  private QueryParts() {}

  static List<String> select(List<String> select) {
    List<String> s = select == null ? List.of() : List.copyOf(select);
    for (String p : s) {
      OData.property(p, "select");
    }
    return s;
  }

  static List<String> expand(List<String> expand) {
    return OData.expand(expand);
  }

  static List<String> orderBy(List<String> orderBy) {
    List<String> o = orderBy == null ? List.of() : List.copyOf(orderBy);
    for (String key : o) {
      int space = key.indexOf(' ');
      String direction = space < 0 ? "" : key.substring(space + 1);
      if (space < 0 || !(direction.equals("asc") || direction.equals("desc"))) {
        throw new CalmValidationException(
            "orderBy", "'" + key + "' is not a sort key; use \"<property> asc\" or \"<property> desc\"");
      }
      OData.property(key.substring(0, space), "orderBy");
    }
    return o;
  }

  static String sortKey(String property, boolean descending) {
    return OData.property(property, "orderBy") + (descending ? " desc" : " asc");
  }
}

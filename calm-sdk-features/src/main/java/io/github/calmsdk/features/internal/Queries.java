package io.github.calmsdk.features.internal;

import io.github.calmsdk.features.EntityQuery;
import io.github.calmsdk.features.FeatureQuery;
import io.github.calmsdk.features.ProjectIdMode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns the public queries into OData query strings. Parameters come in a fixed order: projectId, $filter,
 * $select, $expand, $orderby, $count, $top, $skip (left out when 0); every value is percent-encoded.
 */
final class Queries {
  private final ProjectIdMode projectIdMode;

  Queries(ProjectIdMode projectIdMode) {
    this.projectIdMode = projectIdMode;
  }

  /** The {@code $filter} conditions of a feature query, combined with {@code and}. */
  List<String> conditions(FeatureQuery q) {
    List<String> c = new ArrayList<>();
    if (q.projectId() != null && projectIdMode == ProjectIdMode.FILTER) {
      c.add("projectId eq " + OData.literal(q.projectId()));
    }
    if (q.statusCodes().size() == 1) {
      c.add("statusCode eq " + OData.literal(q.statusCodes().get(0)));
    } else if (q.statusCodes().size() > 1) {
      c.add(
          q.statusCodes().stream()
              .map(s -> "statusCode eq " + OData.literal(s))
              .collect(Collectors.joining(" or ", "(", ")")));
    }
    if (q.releaseId() != null) {
      c.add("releaseId eq " + OData.literal(q.releaseId()));
    }
    if (q.priorityCode() != null) {
      String p = q.priorityCode();
      c.add("priorityCode eq " + (p.matches("[0-9]{1,9}") ? p : OData.literal(p)));
    }
    if (q.responsibleId() != null) {
      c.add("responsibleId eq " + OData.literal(q.responsibleId()));
    }
    if (q.title() != null) {
      c.add("title eq " + OData.literal(q.title()));
    }
    if (q.titleContains() != null) {
      c.add("contains(title," + OData.literal(q.titleContains()) + ")");
    }
    if (q.modifiedAfter() != null) {
      c.add("modifiedAt gt " + OData.literal(q.modifiedAfter()));
    }
    if (q.filter() != null) {
      c.add("(" + q.filter() + ")");
    }
    return c;
  }

  /** The {@code $filter} conditions of an entity query. */
  static List<String> conditions(EntityQuery q) {
    List<String> c = new ArrayList<>();
    q.where().forEach((k, v) -> c.add(k + " eq " + OData.literal(v)));
    if (q.filter() != null) {
      c.add("(" + q.filter() + ")");
    }
    return c;
  }

  /** The conditions of a display-id lookup. */
  List<String> displayId(String projectId, String displayId) {
    List<String> c = new ArrayList<>();
    if (projectId != null && projectIdMode == ProjectIdMode.FILTER) {
      c.add("projectId eq " + OData.literal(projectId));
    }
    c.add("displayId eq " + OData.literal(displayId));
    return c;
  }

  /** The project id to send as a plain query parameter, or null when it goes into $filter or is not set. */
  String projectParameter(String projectId) {
    return projectId != null && projectIdMode == ProjectIdMode.QUERY_PARAMETER ? projectId : null;
  }

  /** The query string of a collection read. */
  static String of(
      String projectId,
      List<String> conditions,
      List<String> select,
      List<String> expand,
      List<String> orderBy,
      boolean count,
      int top,
      int skip) {
    List<String> params = new ArrayList<>();
    if (projectId != null) {
      params.add("projectId=" + OData.encode(projectId));
    }
    if (!conditions.isEmpty()) {
      params.add("$filter=" + OData.encode(String.join(" and ", conditions)));
    }
    if (!select.isEmpty()) {
      params.add("$select=" + OData.encode(String.join(",", select)));
    }
    if (!expand.isEmpty()) {
      params.add("$expand=" + OData.encode(String.join(",", expand)));
    }
    if (!orderBy.isEmpty()) {
      params.add("$orderby=" + OData.encode(String.join(",", orderBy)));
    }
    if (count) {
      params.add("$count=true");
    }
    params.add("$top=" + top);
    if (skip > 0) {
      params.add("$skip=" + skip);
    }
    return "?" + String.join("&", params);
  }

  /** The query string of a single-entity read: {@code $expand} only, or nothing. */
  static String entity(List<String> expand) {
    return expand.isEmpty() ? "" : "?$expand=" + OData.encode(String.join(",", expand));
  }
}

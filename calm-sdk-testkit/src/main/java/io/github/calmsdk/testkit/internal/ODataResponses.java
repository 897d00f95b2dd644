package io.github.calmsdk.testkit.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OData v4 responses of the Features fake: collections with {@code $filter}, {@code $orderby}, {@code $top},
 * {@code $skip}, {@code $count}, {@code $select} and server-driven paging, single entities and the error envelope.
 */
final class ODataResponses {
  private static final Set<String> QUERY_OPTIONS = Set.of("$filter", "$top", "$skip", "$count", "$select",
      "$orderby", "$format", "$expand");

  private final ObjectMapper json;
  private final String contextBase;
  private final int maxPageSize;

  ODataResponses(ObjectMapper json, String contextBase, int maxPageSize) {
    this.json = json;
    this.contextBase = contextBase;
    this.maxPageSize = maxPageSize;
  }

  HttpResp collection(Req req, String set, List<Map<String, Object>> rows, List<String> fieldList) {
    Set<String> fields = new LinkedHashSet<>(fieldList);
    for (String p : req.params().keySet()) {
      if (p.startsWith("$") && !QUERY_OPTIONS.contains(p)) {
        return error(400, "The query option " + p + " is not supported by FakeCalm");
      }
    }
    try {
      String filter = req.param("$filter");
      if (filter != null) {
        List<ODataQuery.Condition> conditions = ODataQuery.parseFilter(filter, fields, set);
        rows.removeIf(r -> !conditions.stream().allMatch(c -> c.test(r)));
      }
      String orderBy = req.param("$orderby");
      if (orderBy != null) {
        Comparator<Map<String, Object>> c = ODataQuery.orderBy(orderBy, fields, set);
        rows.sort(c);
      }
    } catch (ODataQuery.BadQueryException e) {
      return error(400, e.getMessage());
    }
    int skip = nonNegative(req, "$skip", 0);
    int top = nonNegative(req, "$top", Integer.MAX_VALUE);
    String count = req.param("$count");
    if (count != null && !count.equals("true") && !count.equals("false")) {
      return error(400, "Invalid $count '" + count + "'; expected true or false");
    }
    List<String> select = select(req, fields);
    int total = rows.size();
    int from = Math.min(skip, total);
    int to = (int) Math.min((long) from + top, total);
    int pageSize = maxPageSize;
    boolean more = false;
    if (pageSize > 0 && to - from > pageSize) {
      to = from + pageSize;
      more = true;
    }
    ObjectNode out = json.createObjectNode();
    out.put("@odata.context", contextBase + set + (select == null ? "" : "(" + String.join(",", select) + ")"));
    if ("true".equals(count)) {
      out.put("@odata.count", total);
    }
    ArrayNode value = out.putArray("value");
    for (Map<String, Object> row : rows.subList(from, to)) {
      value.add(toJson(row, select, fields));
    }
    if (more) {
      out.put("@odata.nextLink", nextLink(req, to, top == Integer.MAX_VALUE ? -1 : top - (to - from)));
    }
    return HttpResp.json(200, out.toString());
  }

  private String nextLink(Req req, int skip, int top) {
    StringBuilder q = new StringBuilder();
    for (Map.Entry<String, List<String>> e : req.params().entrySet()) {
      if (e.getKey().equals("$skip") || e.getKey().equals("$top")) {
        continue;
      }
      for (String v : e.getValue()) {
        q.append(q.length() == 0 ? "" : "&").append(encode(e.getKey())).append('=').append(encode(v));
      }
    }
    q.append(q.length() == 0 ? "" : "&").append("$skip=").append(skip);
    if (top >= 0) {
      q.append("&$top=").append(top);
    }
    return contextBase.substring(0, contextBase.indexOf(FeaturesApi.PREFIX)) + req.rawPath + "?" + q;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%24", "$");
  }

  private int nonNegative(Req req, String name, int absent) {
    String v = req.param(name);
    if (v == null) {
      return absent;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // falls through
    }
    throw new HttpError(error(400, "Invalid " + name + " '" + v + "'; expected a non-negative integer"));
  }

  private List<String> select(Req req, Set<String> fields) {
    String v = req.param("$select");
    if (v == null || v.isBlank() || v.trim().equals("*")) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (String f : v.split(",")) {
      String name = f.trim();
      if (!fields.contains(name)) {
        throw new HttpError(error(400, "Property '" + name + "' not found in $select"));
      }
      out.add(name);
    }
    return out;
  }

  /** Keeps the selected fields and every key that is not a field (an expanded navigation property). */
  private ObjectNode toJson(Map<String, Object> row, List<String> select, Set<String> fields) {
    ObjectNode o = json.createObjectNode();
    for (Map.Entry<String, Object> e : row.entrySet()) {
      if (select == null || select.contains(e.getKey()) || !fields.contains(e.getKey())) {
        o.set(e.getKey(), json.valueToTree(e.getValue()));
      }
    }
    return o;
  }

  HttpResp entity(String set, Map<String, Object> row) {
    return entityResponse(200, set, row);
  }

  HttpResp entityResponse(int status, String set, Map<String, Object> row) {
    ObjectNode o = json.createObjectNode();
    o.put("@odata.context", contextBase + set + "/$entity");
    o.setAll(toJson(row, null, Set.of()));
    return HttpResp.json(status, o.toString());
  }

  /** The OData error envelope {@code {"error":{"code","message","details":[]}}}. */
  static HttpResp error(int status, String message) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    ObjectNode err = o.putObject("error");
    err.put("code", Integer.toString(status));
    err.put("message", message);
    err.putArray("details");
    return HttpResp.json(status, o.toString());
  }
}

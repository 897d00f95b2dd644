package io.github.calmsdk.testkit.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The part of OData v4 query options the fake understands: {@code $filter} with {@code field eq|ne literal} joined
 * by {@code and}, and {@code $orderby} on one or more fields.
 */
final class ODataQuery {
  /** A query the fake cannot read. */
  static final class BadQueryException extends Exception {
    private static final long serialVersionUID = 1L;

    BadQueryException(String message) {
      super(message, null, false, false);
    }
  }

  /** One comparison. {@code literal} is a String, a BigDecimal, a Boolean or {@link #NULL}. */
  record Condition(String field, boolean negated, Object literal) {
    boolean test(Map<String, Object> row) {
      return negated != equal(row.get(field), literal);
    }
  }

  static final Object NULL = new Object();

  private static final Pattern GUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private ODataQuery() {}

  static List<Condition> parseFilter(String filter, Set<String> fields, String type) throws BadQueryException {
    List<String> tokens = tokenize(filter);
    List<Condition> out = new ArrayList<>();
    int i = 0;
    while (true) {
      if (i + 3 > tokens.size()) {
        throw new BadQueryException("Invalid $filter '" + filter + "': expected <property> eq <literal>");
      }
      String field = tokens.get(i);
      String op = tokens.get(i + 1).toLowerCase(Locale.ROOT);
      String lit = tokens.get(i + 2);
      if (!isIdentifier(field)) {
        throw new BadQueryException("Invalid $filter '" + filter + "': '" + field + "' is not a property name");
      }
      if (!fields.contains(field)) {
        throw new BadQueryException("Property '" + field + "' not found in type '" + type + "'");
      }
      if (!op.equals("eq") && !op.equals("ne")) {
        throw new BadQueryException("Invalid $filter '" + filter + "': operator '" + tokens.get(i + 1)
            + "' is not supported by FakeCalm (only eq, ne and and)");
      }
      out.add(new Condition(field, op.equals("ne"), literal(lit, filter)));
      i += 3;
      if (i == tokens.size()) {
        return out;
      }
      if (!tokens.get(i).equalsIgnoreCase("and")) {
        throw new BadQueryException("Invalid $filter '" + filter + "': expected 'and' but found '"
            + tokens.get(i) + "'");
      }
      i++;
    }
  }

  private static Object literal(String token, String filter) throws BadQueryException {
    if (token.startsWith("'")) {
      return token.substring(1, token.length() - 1).replace("''", "'");
    }
    if (token.equals("null")) {
      return NULL;
    }
    if (token.equals("true") || token.equals("false")) {
      return Boolean.valueOf(token);
    }
    if (GUID.matcher(token).matches()) {
      return token; // Edm.Guid literals are unquoted in OData v4
    }
    try {
      return new BigDecimal(token);
    } catch (NumberFormatException e) {
      throw new BadQueryException("Invalid $filter '" + filter + "': '" + token + "' is not a literal");
    }
  }

  private static boolean isIdentifier(String token) {
    if (token.isEmpty() || !(Character.isLetter(token.charAt(0)) || token.charAt(0) == '_')) {
      return false;
    }
    return token.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_');
  }

  private static List<String> tokenize(String s) throws BadQueryException {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t') {
        i++;
      } else if (c == '\'') {
        StringBuilder sb = new StringBuilder("'");
        int j = i + 1;
        while (true) {
          if (j >= s.length()) {
            throw new BadQueryException("Invalid $filter '" + s + "': unterminated string literal");
          }
          char d = s.charAt(j);
          if (d == '\'') {
            if (j + 1 < s.length() && s.charAt(j + 1) == '\'') {
              sb.append("''");
              j += 2;
              continue;
            }
            sb.append('\'');
            j++;
            break;
          }
          sb.append(d);
          j++;
        }
        out.add(sb.toString());
        i = j;
      } else if (c == '(' || c == ')' || c == ',') {
        throw new BadQueryException("Invalid $filter '" + s + "': '" + c
            + "' (functions and grouping) is not supported by FakeCalm");
      } else {
        int j = i;
        while (j < s.length() && " \t'(),".indexOf(s.charAt(j)) < 0) {
          j++;
        }
        out.add(s.substring(i, j));
        i = j;
      }
    }
    return out;
  }

  static boolean equal(Object value, Object literal) {
    if (literal == NULL) {
      return value == null;
    }
    if (value == null) {
      return false;
    }
    if (literal instanceof BigDecimal n) {
      if (value instanceof Number v) {
        return new BigDecimal(v.toString()).compareTo(n) == 0;
      }
      return value.toString().equals(n.toPlainString());
    }
    if (value instanceof List<?> list) {
      return list.contains(literal);
    }
    return Objects.equals(value.toString(), literal.toString());
  }

  /** A comparator for {@code $orderby}, such as {@code title desc,createdAt}. */
  static Comparator<Map<String, Object>> orderBy(String spec, Set<String> fields, String type)
      throws BadQueryException {
    Comparator<Map<String, Object>> out = null;
    for (String part : spec.split(",")) {
      String[] words = part.trim().split("\\s+");
      if (words.length == 0 || words.length > 2 || words[0].isEmpty()) {
        throw new BadQueryException("Invalid $orderby '" + spec + "'");
      }
      String field = words[0];
      if (!fields.contains(field)) {
        throw new BadQueryException("Property '" + field + "' not found in type '" + type + "'");
      }
      boolean desc = false;
      if (words.length == 2) {
        String dir = words[1].toLowerCase(Locale.ROOT);
        if (!dir.equals("asc") && !dir.equals("desc")) {
          throw new BadQueryException("Invalid $orderby '" + spec + "': expected asc or desc");
        }
        desc = dir.equals("desc");
      }
      Comparator<Map<String, Object>> c = Comparator.comparing(row -> row.get(field), ODataQuery::compare);
      if (desc) {
        c = c.reversed();
      }
      out = out == null ? c : out.thenComparing(c);
    }
    return out;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    if (a instanceof Number x && b instanceof Number y) {
      return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
    }
    if (a instanceof Comparable && a.getClass() == b.getClass()) {
      return ((Comparable) a).compareTo(b);
    }
    return a.toString().compareTo(b.toString());
  }
}

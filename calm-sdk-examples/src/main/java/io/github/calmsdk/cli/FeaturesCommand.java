package io.github.calmsdk.cli;

import io.github.calmsdk.core.error.CalmNotFoundException;
import io.github.calmsdk.core.error.ErrorDetails;
import io.github.calmsdk.features.Feature;
import io.github.calmsdk.features.FeatureQuery;
import io.github.calmsdk.features.FeatureStatus;
import io.github.calmsdk.features.FeaturesClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** {@code calm features}: list features, show one, change its status, find the feature a transport belongs to. */
final class FeaturesCommand implements Command {
  private static final Pattern UUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  @Override
  public String name() {
    return "features";
  }

  @Override
  public String usage() {
    return String.join(
        "\n",
        "usage: calm features list --project ID [--status CODE,...] [--top N]",
        "       calm features get UUID|DISPLAY-ID [--project ID]",
        "       calm features set-status UUID|DISPLAY-ID CODE|NAME",
        "       calm features parent TRANSPORT-ID",
        "  list         the features of a project, optionally only those with these status codes, at most N",
        "  get          one feature, by uuid or display id (such as 6-123); exit 4 when there is none",
        "  set-status   change a feature's status; the codes are the tenant's (GET /FeatureStatus), and a status",
        "               name such as 'In Testing' is accepted too",
        "  parent       the feature a transport (such as S4DK900123) is assigned to, or none",
        "");
  }

  @Override
  public int run(List<String> args, Context context) {
    if (args.isEmpty()) {
      throw new UsageException("features needs a subcommand: list, get, set-status or parent");
    }
    List<String> rest = args.subList(1, args.size());
    switch (args.get(0)) {
      case "list":
        return list(rest, context);
      case "get":
        return get(rest, context);
      case "set-status":
        return setStatus(rest, context);
      case "parent":
        return parent(rest, context);
      default:
        throw new UsageException("unknown features subcommand '" + args.get(0) + "'; use list, get, set-status or parent");
    }
  }

  private int list(List<String> args, Context context) {
    Args a = Args.parse(args, Set.of(), Set.of("--project", "--top"), Set.of("--status"), Set.of());
    Positionals.none("features list", a);
    FeatureQuery.Builder q = FeatureQuery.builder().projectId(a.required("--project")).statusCodes(a.values("--status"));
    if (a.has("--top")) {
      q.top(Inputs.positive("--top", a.required("--top")));
    }
    FeatureQuery query = q.build();
    FeaturesClient features = context.client().features();
    List<Feature> found = features.list(query).stream().collect(Collectors.toList());
    Output out = context.out();
    if (out.json()) {
      out.document(Views.object("features", found.stream().map(Views::feature).collect(Collectors.toList())));
    } else {
      Tables.features(out, found, statusNames(features), "");
    }
    return ExitCode.OK.code;
  }

  private int get(List<String> args, Context context) {
    Args a = Args.parse(args, Set.of(), Set.of("--project"), Set.of(), Set.of());
    String id = single("features get", "UUID|DISPLAY-ID", a);
    FeaturesClient features = context.client().features();
    Feature f = find(features, id, a.value("--project"));
    Output out = context.out();
    if (out.json()) {
      out.document(Views.feature(f));
    } else {
      show(out, f, statusNames(features));
    }
    return ExitCode.OK.code;
  }

  private int setStatus(List<String> args, Context context) {
    Args a = Args.parse(args, Set.of(), Set.of(), Set.of(), Set.of());
    if (a.positional().size() != 2) {
      throw new UsageException("features set-status needs UUID|DISPLAY-ID and CODE");
    }
    FeaturesClient features = context.client().features();
    Feature before = find(features, a.positional().get(0), null);
    String code = code(features.statuses(), a.positional().get(1));
    Feature after = features.setStatus(before.uuid(), code).orElseGet(() -> find(features, before.uuid(), null));
    Output out = context.out();
    if (out.json()) {
      out.document(Views.object(
          "uuid", after.uuid(), "from", before.statusCode(), "to", after.statusCode(), "feature", Views.feature(after)));
    } else {
      Map<String, String> names = statusNames(features);
      out.line("feature " + after.displayId() + " '" + Format.text(after.title()) + "': "
          + Tables.status(before.statusCode(), names) + " -> " + Tables.status(after.statusCode(), names));
    }
    return ExitCode.OK.code;
  }

  private int parent(List<String> args, Context context) {
    Args a = Args.parse(args, Set.of(), Set.of(), Set.of(), Set.of());
    String transport = single("features parent", "TRANSPORT-ID", a);
    FeaturesClient features = context.client().features();
    Optional<Feature> parent = features.parentOfTransport(transport);
    Output out = context.out();
    if (out.json()) {
      out.document(Views.object("transportId", transport, "feature", parent.map(Views::feature).orElse(null)));
    } else if (parent.isPresent()) {
      Feature f = parent.get();
      out.line(transport + " belongs to feature " + f.displayId() + " '" + Format.text(f.title()) + "' ("
          + Tables.status(f.statusCode(), statusNames(features)) + "), uuid " + f.uuid());
    } else {
      out.line(transport + " is assigned to no feature (or Cloud ALM does not know it)");
    }
    return ExitCode.OK.code;
  }

  private static String single(String command, String what, Args a) {
    if (a.positional().size() != 1) {
      throw new UsageException(command + " needs exactly one " + what);
    }
    return a.positional().get(0);
  }

  /** A feature by uuid, or by display id; a missing one is a "not found" (exit 4). */
  private static Feature find(FeaturesClient features, String id, String project) {
    Optional<Feature> f;
    if (UUID.matcher(id).matches()) {
      f = features.get(id);
    } else {
      f = project == null ? features.getByDisplayId(id) : features.getByDisplayId(project, id);
    }
    return f.orElseThrow(() -> new CalmNotFoundException(
        "no feature " + (UUID.matcher(id).matches() ? "with uuid " : "with display id ") + id,
        ErrorDetails.none(),
        null));
  }

  /** A status code as given, or the code of a status given by name; unknown ones are left to the SDK's check. */
  private static String code(List<FeatureStatus> statuses, String given) {
    for (FeatureStatus s : statuses) {
      if (s.code().equals(given)) {
        return given;
      }
    }
    for (FeatureStatus s : statuses) {
      if (s.name() != null && s.name().equalsIgnoreCase(given.trim())) {
        return s.code();
      }
    }
    return given;
  }

  private static Map<String, String> statusNames(FeaturesClient features) {
    Map<String, String> names = new LinkedHashMap<>();
    for (FeatureStatus s : features.statuses()) {
      names.put(s.code(), s.name());
    }
    return names;
  }

  private static void show(Output out, Feature f, Map<String, String> names) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("id", Format.text(f.displayId()));
    fields.put("title", Format.text(f.title()));
    fields.put("status", Tables.status(f.statusCode(), names));
    fields.put("priority", Format.text(f.priorityCode()));
    fields.put("project", Format.text(f.projectId()));
    fields.put("release", Format.text(f.releaseId()));
    fields.put("responsible", Format.text(f.responsibleId()));
    fields.put("tags", Format.list(f.tags()));
    fields.put("created", Format.time(f.createdAt()));
    fields.put("modified", Format.time(f.modifiedAt()));
    fields.put("uuid", f.uuid());
    out.fields(fields, "");
  }
}

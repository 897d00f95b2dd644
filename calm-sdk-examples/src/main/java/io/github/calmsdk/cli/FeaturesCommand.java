package io.github.calmsdk.cli;

import io.github.calmsdk.core.error.CalmNotFoundException;
import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.core.error.ErrorDetails;
import io.github.calmsdk.features.Feature;
import io.github.calmsdk.features.FeatureQuery;
import io.github.calmsdk.features.FeatureStatus;
import io.github.calmsdk.features.FeaturesClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code calm features}: list features, show one, change its status, find the feature a transport belongs to, and
 * list the tenant's status codes. Each is a subcommand of its own.
 */
@Command(
    name = "features",
    description = "list features, show one, change its status, find a transport's feature, list the status codes",
    subcommands = {
      FeaturesCommand.ListFeatures.class,
      FeaturesCommand.Get.class,
      FeaturesCommand.SetStatus.class,
      FeaturesCommand.Parent.class,
      FeaturesCommand.Statuses.class
    })
final class FeaturesCommand implements CliCommand {
  /** The field named when a status code is not one of the tenant's, as the SDK names it. */
  static final String STATUS_CODE_FIELD = "statusCode";

  private static final Pattern UUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  @Spec CommandSpec spec;

  @Override
  public int run(Context context) {
    throw new UsageException("features needs a subcommand: " + ParameterErrors.subcommands(spec.commandLine()));
  }

  /** {@code calm features list}. */
  @Command(name = "list",
      description = "the features of a project, optionally only those with these status codes, at most N")
  static final class ListFeatures implements CliCommand {
    @Option(names = "--project", required = true, paramLabel = "ID", description = "the project's id")
    String project;

    @Option(names = "--status", arity = "1..*", split = ",", splitSynopsisLabel = ",", paramLabel = "CODE",
        description = "only these status codes (see 'calm features statuses')")
    List<String> statusCodes;

    @Option(names = "--top", paramLabel = "N", converter = Converters.Positive.class,
        description = "at most N features")
    Integer top;

    @Override
    public int run(Context context) {
      FeatureQuery.Builder q = FeatureQuery.builder().projectId(project)
          .statusCodes(statusCodes == null ? List.of() : statusCodes);
      if (top != null) {
        q.top(top);
      }
      FeaturesClient features = context.features();
      List<Feature> found = features.list(q.build()).stream().collect(Collectors.toList());
      Output out = context.out();
      if (out.json()) {
        out.document(Views.object("features", found.stream().map(Views::feature).collect(Collectors.toList())));
      } else {
        Tables.features(out, found, statusNames(features), "");
      }
      return ExitCode.OK.code;
    }
  }

  /** {@code calm features get}. */
  @Command(name = "get",
      description = "one feature, by uuid or display id (such as 6-123); exit 4 when there is none")
  static final class Get implements CliCommand {
    @Parameters(index = "0", paramLabel = "UUID|DISPLAY-ID", description = "the feature")
    String id;

    @Option(names = "--project", paramLabel = "ID", description = "the project a display id belongs to")
    String project;

    @Override
    public int run(Context context) {
      FeaturesClient features = context.features();
      Feature f = find(features, id, project);
      Output out = context.out();
      if (out.json()) {
        out.document(Views.feature(f));
      } else {
        show(out, f, statusNames(features));
      }
      return ExitCode.OK.code;
    }
  }

  /** {@code calm features set-status}. */
  @Command(name = "set-status",
      description = {
        "change a feature's status, by code or name",
        "The codes are the tenant's (see 'calm features statuses'); a status name such as 'In Testing' is accepted"
            + " too."
      })
  static final class SetStatus implements CliCommand {
    @Parameters(index = "0", paramLabel = "UUID|DISPLAY-ID", description = "the feature")
    String id;

    @Parameters(index = "1", paramLabel = "CODE|NAME", description = "the new status, by code or name")
    String status;

    @Override
    public int run(Context context) {
      FeaturesClient features = context.features();
      Feature before = find(features, id, null);
      String code = code(features.statuses(), status);
      Feature after = features.setStatus(before.uuid(), code);
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
  }

  /** {@code calm features parent}. */
  @Command(name = "parent", description = "the feature a transport (such as S4DK900123) is assigned to, or none")
  static final class Parent implements CliCommand {
    @Parameters(index = "0", paramLabel = "TRANSPORT-ID", description = "the transport, such as S4DK900123")
    String transport;

    @Override
    public int run(Context context) {
      FeaturesClient features = context.features();
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
  }

  /** {@code calm features statuses}. */
  @Command(name = "statuses", description = "the tenant's feature status codes and their names (GET /FeatureStatus)")
  static final class Statuses implements CliCommand {
    @Override
    public int run(Context context) {
      List<FeatureStatus> statuses = context.features().statuses();
      Output out = context.out();
      if (out.json()) {
        out.document(Views.object("statuses", statuses.stream()
            .map(s -> Views.object("code", s.code(), "name", s.name())).collect(Collectors.toList())));
      } else {
        List<List<String>> rows = new ArrayList<>();
        statuses.forEach(s -> rows.add(List.of(s.code(), Format.text(s.name()))));
        out.table(List.of("CODE", "NAME"), rows);
      }
      return ExitCode.OK.code;
    }
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

  /**
   * A status code as given, or the code of a status given by name. An unknown one is bad input (exit 2) named
   * as the SDK names it ({@value #STATUS_CODE_FIELD}), with the tenant's codes; the hint points to {@code calm
   * features statuses}.
   */
  static String code(List<FeatureStatus> statuses, String given) {
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
    throw new CalmValidationException(STATUS_CODE_FIELD, "'" + given + "' is not a status of this tenant; "
        + (statuses.isEmpty() ? "the tenant's /FeatureStatus list is empty"
            : "valid codes: " + statuses.stream()
                .map(s -> s.name() == null ? s.code() : s.code() + " (" + s.name() + ")")
                .collect(Collectors.joining(", "))));
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

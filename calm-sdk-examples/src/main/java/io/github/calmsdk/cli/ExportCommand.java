package io.github.calmsdk.cli;

import io.github.calmsdk.deployment.ContentType;
import io.github.calmsdk.deployment.ExportMode;
import io.github.calmsdk.deployment.ExportRequest;
import io.github.calmsdk.deployment.ExportResult;
import io.github.calmsdk.deployment.NodeName;
import io.github.calmsdk.deployment.QueueEntry;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code calm export}: uploads files and creates one transport request holding them. */
final class ExportCommand implements Command {
  @Override
  public String name() {
    return "export";
  }

  @Override
  public String usage() {
    return String.join(
        "\n",
        "usage: calm export --node NAME --file PATH... [--content-type MTA|BTP_ABAP|APP|XSCDU]",
        "                   [--description TEXT] [--named-user USER] [--upload-only]",
        "  uploads the files and creates one transport request holding them, in the queues of the node's",
        "  follow-on nodes (or, with --upload-only, in the node's own queue)",
        "  --node NAME            the source node (the target node with --upload-only)",
        "  --file PATH...         one or more files, each at most 1 GB",
        "  --content-type TYPE    default MTA",
        "  --description TEXT     at most 512 characters; default 'calm export: FILE, ...'",
        "  --named-user USER      the named user recorded as creator, at most 60 characters",
        "  --upload-only          into the node's own queue instead of the follow-on nodes'",
        "  An upload shows a progress bar on a terminal.",
        "");
  }

  @Override
  public int run(List<String> args, Context context) {
    Args a = Args.parse(
        args,
        Set.of("--upload-only"),
        Set.of("--node", "--content-type", "--description", "--named-user"),
        Set.of("--file"),
        Set.of());
    Positionals.none(name(), a);
    NodeName node = NodeName.of(a.required("--node"));
    List<Path> files = files(a);
    ContentType type = a.has("--content-type") ? Inputs.contentType("--content-type", a.required("--content-type"))
        : ContentType.MTA;
    String description = a.has("--description") ? a.value("--description") : defaultDescription(files);
    Output out = context.out();
    String label = files.size() == 1 ? "uploading " + files.get(0).getFileName() : "uploading " + files.size() + " files";
    ExportRequest request = ExportRequest.builder()
        .node(node)
        .files(files)
        .contentType(type)
        .description(description)
        .namedUser(a.value("--named-user"))
        .mode(a.has("--upload-only") ? ExportMode.UPLOAD_ONLY : ExportMode.EXPORT)
        .progress(ProgressBar.forOutput(out, label))
        .build();
    ExportResult result = context.client().deployment().export(request);
    if (out.json()) {
      out.document(Views.export(result));
    } else {
      out.line("transport request " + result.transportRequestId() + " created"
          + (result.recovered() ? " (its answer was lost; found again in the queues)" : "")
          + ": " + result.description());
      out.line("queued in " + Format.list(
          result.queueEntries().stream().map(QueueEntry::nodeName).collect(Collectors.toList())));
    }
    return ExitCode.OK.code;
  }

  private static List<Path> files(Args a) {
    List<String> names = a.raw("--file");
    if (names.isEmpty()) {
      throw new UsageException("missing --file: give one or more files to export");
    }
    List<Path> files = new ArrayList<>();
    for (String n : names) {
      try {
        files.add(Path.of(n));
      } catch (InvalidPathException e) {
        throw new UsageException("--file: '" + n + "' is not a valid path");
      }
    }
    return files;
  }

  static String defaultDescription(List<Path> files) {
    String d = "calm export: " + files.stream().map(f -> String.valueOf(f.getFileName())).collect(Collectors.joining(", "));
    return d.length() <= 512 ? d : d.substring(0, 509) + "...";
  }
}

package io.github.calmsdk.cli;

import io.github.calmsdk.deployment.ContentType;
import io.github.calmsdk.deployment.ExportMode;
import io.github.calmsdk.deployment.ExportRequest;
import io.github.calmsdk.deployment.ExportResult;
import io.github.calmsdk.deployment.NodeName;
import io.github.calmsdk.deployment.QueueEntry;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code calm export}: uploads files and creates one transport request holding them. */
@Command(
    name = "export",
    description = {
      "upload files and create one transport request holding them",
      "The transport request goes into the queues of the node's follow-on nodes (or, with --upload-only, into the"
          + " node's own queue). An upload shows a progress bar on a terminal."
    })
final class ExportCommand implements CliCommand {
  @Option(names = "--node", required = true, paramLabel = "NAME", converter = Converters.Name.class,
      description = "the source node (the target node with --upload-only)")
  NodeName node;

  @Option(names = "--file", required = true, arity = "1..*", paramLabel = "PATH", converter = Converters.File.class,
      description = "one or more files to export, each at most 1 GB")
  List<Path> files;

  @Option(names = "--content-type", paramLabel = "TYPE", defaultValue = "MTA", converter = Converters.Content.class,
      completionCandidates = Converters.ContentTypes.class,
      description = "MTA, BTP_ABAP, APP or XSCDU; default ${DEFAULT-VALUE}")
  ContentType contentType;

  @Option(names = "--description", paramLabel = "TEXT",
      description = "at most 512 characters; default 'calm export: FILE, ...'")
  String description;

  @Option(names = "--named-user", paramLabel = "USER",
      description = "the named user recorded as creator, at most 60 characters")
  String namedUser;

  @Option(names = "--upload-only", description = "into the node's own queue instead of the follow-on nodes'")
  boolean uploadOnly;

  @Override
  public int run(Context context) {
    Output out = context.out();
    String label = files.size() == 1 ? "uploading " + files.get(0).getFileName() : "uploading " + files.size() + " files";
    ExportRequest request = ExportRequest.builder()
        .node(node)
        .files(files)
        .contentType(contentType)
        .description(description != null ? description : defaultDescription(files))
        .namedUser(namedUser)
        .mode(uploadOnly ? ExportMode.UPLOAD_ONLY : ExportMode.EXPORT)
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

  static String defaultDescription(List<Path> files) {
    String d = "calm export: " + files.stream().map(f -> String.valueOf(f.getFileName())).collect(Collectors.joining(", "));
    return d.length() <= 512 ? d : d.substring(0, 509) + "...";
  }
}

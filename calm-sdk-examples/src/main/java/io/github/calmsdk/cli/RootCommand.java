package io.github.calmsdk.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The command tree of {@code calm}: its global options and its subcommands. The global options are {@link
 * ScopeType#INHERIT inherited}, so they are accepted before and after the subcommand ({@code calm --json nodes} and
 * {@code calm nodes --json}) and listed in every command's help; picocli sets them here wherever they were given.
 * The command attributes are inherited too, so every command has {@code --help} and {@code --version}.
 *
 * <p>To add a command, write a {@code @Command} class implementing {@link CliCommand} (or a parent command with
 * {@code subcommands}, as {@link FeaturesCommand}) and list it below; to add a global option, add an inherited
 * {@code @Option} field here and read it in {@link Dispatcher}. Nothing else lists commands or options.
 */
@Command(
    name = "calm",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = SdkVersionProvider.class,
    sortOptions = false,
    sortSynopsis = false,
    synopsisHeading = "usage: ",
    synopsisSubcommandLabel = "COMMAND",
    descriptionHeading = "%n",
    parameterListHeading = "%nparameters:%n",
    optionListHeading = "%noptions:%n",
    commandListHeading = "%ncommands:%n",
    exitCodeListHeading = "%nexit codes:%n",
    description = {
      "Try a service key, export, import, retry and watch transport requests, and manage features of SAP Cloud ALM.",
      "'calm COMMAND --help' shows a command's options; DURATION is written 90s, 5m, 1h or ISO-8601 (PT5M); ID is a"
          + " number for transport requests and nodes."
    },
    subcommands = {
      DoctorCommand.class,
      NodesCommand.class,
      ExportCommand.class,
      ImportCommand.class,
      RetryCommand.class,
      StatusCommand.class,
      WatchCommand.class,
      FeaturesCommand.class,
      RelayCommand.class,
      DemoCommand.class,
      FakeCommand.class,
      AutoComplete.GenerateCompletion.class,
      HelpCommand.class
    })
final class RootCommand implements CliCommand {
  @Option(
      names = "--service-key",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description = "the service key JSON file: a Cloud ALM key (endpoints.Api, uaa), or a Cloud Transport"
          + " Management key (uri, uaa) for the transport commands only (default: " + KeySource.VARIABLE
          + ", a path or the JSON itself)")
  String serviceKey;

  @Option(
      names = "--transport-key",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description = "a Cloud Transport Management (CTMS) service key (uri, uaa) the transport commands use instead"
          + " of the service key, next to a Cloud ALM --service-key for features (default: "
          + KeySource.TRANSPORT_VARIABLE + ", a path or the JSON itself)")
  String transportKey;

  @Option(
      names = "--json",
      scope = ScopeType.INHERIT,
      description = "stdout holds exactly one JSON document (watch: one per line), also on failure")
  boolean json;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "DEBUG logging of the SDK on stderr, and stack traces with errors")
  boolean verbose;

  @Override
  public int run(Context context) {
    throw new UsageException("no command given");
  }
}

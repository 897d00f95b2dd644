package io.github.calmsdk.cli;

/** The usage of the command line as a whole; each command has its own in {@link Command#usage()}. */
final class Usage {
  private Usage() {}

  static final String GLOBAL =
      String.join(
          "\n",
          "usage: calm [--service-key FILE] [--json] [--verbose] COMMAND ...",
          "       the key may also come from CALM_SERVICE_KEY: a path or the JSON itself",
          "",
          "commands:",
          "  doctor      check the key's fields, fetch a token, show the granted scopes and the expiry, probe both APIs,",
          "              and say what is missing and how to fix it",
          "  nodes       list the transport nodes",
          "  export      --node NAME --file PATH... [--content-type MTA|BTP_ABAP|APP|XSCDU] [--description TEXT]",
          "              [--named-user USER] [--upload-only]",
          "  import      --node NAME|ID (--all | --tr ID...) [--wait [DURATION]]",
          "  retry       --node NAME|ID --tr ID... [--wait [DURATION]]",
          "  status      --node NAME|ID [--status initial,running,repeatable,succeeded,skipped,warning,error,fatal,deleted]",
          "  watch       --node NAME|ID [--interval DURATION] [--status ...]     one line per change, until interrupted",
          "  features    list --project ID [--status CODE] [--top N] | get UUID|DISPLAY-ID | set-status UUID CODE"
              + " | parent TRANSPORT-ID",
          "  demo        the whole flow against an embedded FakeCalm; no key needed",
          "",
          "options:",
          "  --service-key FILE  the service key JSON file (default: CALM_SERVICE_KEY)",
          "  --json              stdout holds exactly one JSON document (watch: one per line), also on failure",
          "  --verbose           DEBUG logging of the SDK on stderr, and stack traces with errors",
          "  --help              this text; 'calm COMMAND --help' for a command",
          "",
          "DURATION is written 90s, 5m, 1h or ISO-8601 (PT5M); ID is a number for transport requests and nodes.",
          "",
          "exit codes:",
          "  0  success",
          "  1  the call worked but the outcome failed (an import ended in error or fatal)",
          "  2  bad usage or bad input, nothing sent",
          "  3  authentication or authorization failed",
          "  4  the API rejected the request (any other 4xx)",
          "  5  Cloud ALM unavailable or timed out after retries",
          "");
}

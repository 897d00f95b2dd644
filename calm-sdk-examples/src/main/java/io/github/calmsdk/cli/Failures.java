package io.github.calmsdk.cli;

import io.github.calmsdk.core.error.CalmAmbiguousOutcomeException;
import io.github.calmsdk.core.error.CalmAuthException;
import io.github.calmsdk.core.error.CalmException;
import io.github.calmsdk.core.error.CalmNotFoundException;
import io.github.calmsdk.core.error.CalmRateLimitException;
import io.github.calmsdk.core.error.CalmValidationException;
import io.github.calmsdk.deployment.ImportStillRunningException;
import io.github.calmsdk.deployment.TransportNotRetryableException;
import io.github.calmsdk.relay.RelayStoreException;
import java.io.PrintStream;
import java.net.ProxySelector;
import java.util.Map;

/**
 * Reports a failed command: one or two lines on stderr that say what failed and what to do, a stack trace only
 * with {@code --verbose}, and with {@code --json} an error document on stdout. The SDK's messages never carry
 * secrets, and nothing else is added to them.
 */
final class Failures {
  private Failures() {}

  /** Reports the failure and returns its exit code. */
  static int report(Throwable failure, Output out, boolean verbose, Environment env) {
    Throwable e = failure instanceof CommandFailure ? failure.getCause() : failure;
    ExitCode code = ExitCode.of(e);
    String message = message(e);
    String hint = failure instanceof CommandFailure ? ((CommandFailure) failure).hint() : hint(e, env);
    out.error(message, hint);
    if (verbose) {
      PrintStream err = out.err();
      e.printStackTrace(err);
      err.flush();
    }
    if (out.json()) {
      Map<String, Object> error = Views.object(
          "exitCode", code.code,
          "type", e.getClass().getSimpleName(),
          "message", message,
          "hint", hint);
      if (e instanceof CalmException) {
        CalmException c = (CalmException) e;
        error.put("status", c.status() == 0 ? null : c.status());
        error.put("errorCode", c.errorCode());
        error.put("requestId", c.requestId());
        if (e instanceof CalmValidationException) {
          error.put("field", ((CalmValidationException) e).field());
        }
      }
      out.document(Views.object("error", error));
    }
    return code.code;
  }

  static String message(Throwable e) {
    if (e instanceof UsageException || e instanceof CalmException || e instanceof RelayStoreException) {
      return e.getMessage();
    }
    return "unexpected " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  /** What to do about a failure, or null when the message says it all. */
  static String hint(Throwable e, Environment env) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    if (e instanceof UsageException) {
      String hint = ((UsageException) e).hint();
      return hint != null ? hint : "see 'calm --help' or 'calm COMMAND --help'";
    }
    if (e instanceof RelayStoreException) {
      return "the relay's store failed, not Cloud ALM: check --store FILE|URL or " + RelayStoreOption.VARIABLE
          + "; a store that is locked by another 'relay run' or unreachable can be retried later, a damaged or"
          + " newer one needs a person";
    }
    if (e instanceof TransportNotRetryableException) {
      return "see each transport request's status with 'calm status --node NODE'";
    }
    if (e instanceof CalmValidationException) {
      if (m.contains("only https")) {
        return "fix the service key: Cloud ALM URLs are https; plain http is accepted only for loopback hosts"
            + " (localhost, 127.0.0.1, ::1), such as a local fake";
      }
      CalmValidationException v = (CalmValidationException) e;
      if (v.field().equals(FeaturesCommand.STATUS_CODE_FIELD)) {
        return "see the tenant's status codes with 'calm features statuses'";
      }
      if (v.field().startsWith("uaa") || v.field().startsWith("endpoints") || v.field().startsWith("service key")
          || v.field().equals(KeySource.VARIABLE) || m.contains("service key")) {
        return "check the service key (--service-key FILE or " + KeySource.VARIABLE + "); 'calm doctor' checks it";
      }
      return "nothing was sent; fix the input and run again";
    }
    if (e instanceof CalmAuthException) {
      CalmException network = TokenHost.unreachable(e);
      if (network != null) {
        return TokenHost.hint((CalmException) e, network, ProxySelector.getDefault(), env::variable);
      }
      CalmException c = (CalmException) e;
      if (c.status() == 403) {
        return "the service key lacks a scope: run 'calm doctor' to see which, then create a new binding with it";
      }
      return "check the service key's uaa.clientid and uaa.clientsecret (copy the whole key again, or create a new"
          + " one if the binding was deleted or its secret rotated); 'calm doctor' checks it";
    }
    if (e instanceof CalmNotFoundException) {
      return m.contains("node") ? "see the nodes with 'calm nodes'" : "check the id";
    }
    if (e instanceof ImportStillRunningException) {
      return "the import goes on in Cloud ALM; follow it with 'calm status --node NODE' or 'calm watch --node NODE',"
          + " or wait longer with --wait DURATION";
    }
    if (e instanceof CalmAmbiguousOutcomeException) {
      return "the change may or may not have been applied: check with 'calm status --node NODE' before repeating it";
    }
    if (e instanceof CalmRateLimitException) {
      return "Cloud ALM asks to slow down; try again later";
    }
    if (e instanceof CalmException) {
      int s = ((CalmException) e).status();
      if (s >= 400 && s < 500) {
        return "Cloud ALM rejected the request; see its message above";
      }
      return "Cloud ALM is unavailable or did not answer in time; try again later"
          + (((CalmException) e).requestId() == null ? "" : " (quote the request id to SAP support)");
    }
    return "run again with --verbose for details, and report it if it persists";
  }
}

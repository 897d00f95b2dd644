package io.github.calmsdk.cli;

import io.github.calmsdk.auth.AccessToken;
import io.github.calmsdk.auth.ServiceKey;
import io.github.calmsdk.core.error.CalmAuthException;
import io.github.calmsdk.core.error.CalmException;
import io.github.calmsdk.core.error.CalmInvalidRequestException;
import io.github.calmsdk.client.CalmClient;
import io.github.calmsdk.features.FeatureQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/**
 * {@code calm doctor}: checks a service key from end to end and says what is missing and how to fix it: the key's
 * fields, a token (its expiry and granted scopes), the scopes each API needs, and one read of each API. The exit code
 * is 0 when every check passed, else the highest code among the failed ones.
 */
@Command(
    name = "doctor",
    description = {
      "check the service key from end to end, and say what is missing and how to fix it",
      "Checks its fields, a token (expiry and granted scopes), the scopes each API needs, GET /v2/nodes of transport"
          + " management and GET Features?$top=1 of the Features API.",
      "Prints a checklist with OK/FAIL per line and what to do. Exit 0 when all is OK, else the code of the worst"
          + " failure."
    })
final class DoctorCommand implements CliCommand {
  /** The scopes transport management needs (read, and write). */
  static final List<String> DEPLOYMENT_SCOPES = List.of("imp-cdm-feature-display-ui", "imp-cdm-feature-manage-ui");
  /** The scopes the Features API needs (read, and write). */
  static final List<String> FEATURES_SCOPES = List.of("calm-api.features.read", "calm-api.features.write");

  @Override
  public int run(Context context) {
    List<Check> checks = new ArrayList<>();
    Map<String, Object> keyInfo = null;
    Map<String, Object> tokenInfo = null;
    ServiceKey key = null;
    try {
      key = context.serviceKey();
      keyInfo = keyInfo(key, context.keySource());
      checks.add(Check.ok("service key", context.keySource().describe() + ": every field readable"));
    } catch (UsageException | CalmException e) {
      checks.add(Check.fail("service key", e.getMessage(), Failures.hint(e, context.env()), ExitCode.USAGE));
    }
    AccessToken token = null;
    if (key != null) {
      try {
        token = context.client().credentials().token();
        tokenInfo = Views.object("expiresAt", token.expiresAt(), "scopes", List.copyOf(token.scopes()));
        checks.add(Check.ok("token", "fetched from " + key.tokenUri() + "; expires " + Format.time(token.expiresAt())
            + " (" + Format.relative(token.expiresAt(), Instant.now()) + ")"));
      } catch (CalmException e) {
        checks.add(Check.fail("token", e.getMessage(), tokenFix(e, context.env()), ExitCode.of(e)));
      }
    }
    if (token == null) {
      checks.add(Check.skip("scopes", "no token"));
      checks.add(Check.skip("transport management", "no token"));
      checks.add(Check.skip("features", "no token"));
    } else {
      CalmClient client = context.client();
      checks.add(scopes("transport management scopes", token, DEPLOYMENT_SCOPES,
          "create a new binding with the authorities "
              + quoted(token.missingScopes(DEPLOYMENT_SCOPES), "$XSMASTERAPPNAME.")
              + " (README: Getting a service key)"));
      checks.add(scopes("features scopes", token, FEATURES_SCOPES,
          "create a new binding with the scopes " + quoted(token.missingScopes(FEATURES_SCOPES), "")
              + " (README: Getting a service key)"));
      checks.add(probeNodes(client, context.env()));
      checks.add(probeFeatures(client, context.env()));
    }
    int exit = checks.stream().mapToInt(Check::exitCode).max().orElse(0);
    print(context.out(), keyInfo, tokenInfo, checks, exit);
    if (exit != 0) {
      long failed = checks.stream().filter(c -> c.result() == Check.Result.FAIL).count();
      context.out().error("doctor: " + failed + " of " + checks.size() + " checks failed",
          context.out().json() ? "see the checks' fix fields" : "see 'to fix' above");
    }
    return exit;
  }

  private static Map<String, Object> keyInfo(ServiceKey key, KeySource source) {
    return Views.object(
        "source", source.describe(),
        "apiBase", key.apiBase().toString(),
        "tokenUri", key.tokenUri().toString(),
        "clientId", key.clientId(),
        "identityZone", key.identityZone().orElse(null),
        "credentialType", key.credentialTypeName().orElse(key.credentialType().toString()),
        "authentication", key.usesCertificate() ? "certificate (mTLS)" : "client secret");
  }

  private static Check scopes(String name, AccessToken token, List<String> wanted, String fix) {
    List<String> missing = token.missingScopes(wanted);
    if (missing.isEmpty()) {
      return Check.ok(name, String.join(", ", wanted) + " granted");
    }
    return Check.fail(name, "missing " + String.join(", ", missing), fix, ExitCode.AUTH);
  }

  private static Check probeNodes(CalmClient client, Environment env) {
    String name = "GET /v2/nodes";
    try {
      int n = client.deployment().nodes().size();
      return Check.ok(name, n + (n == 1 ? " node" : " nodes"));
    } catch (CalmException e) {
      return probeFailure(name, e, DEPLOYMENT_SCOPES, env);
    }
  }

  private static Check probeFeatures(CalmClient client, Environment env) {
    String name = "GET Features?$top=1";
    try {
      boolean any = client.features().list(FeatureQuery.builder().top(1).build()).iterator().hasNext();
      return Check.ok(name, any ? "readable" : "readable (no features yet)");
    } catch (CalmInvalidRequestException e) {
      // authorized: the tenant only wants a project, which this probe does not send
      return Check.ok(name, "reachable and authorized (HTTP " + e.status() + ": the tenant wants a projectId)");
    } catch (CalmException e) {
      return probeFailure(name, e, FEATURES_SCOPES, env);
    }
  }

  private static Check probeFailure(String name, CalmException e, List<String> scopes, Environment env) {
    if (e instanceof CalmAuthException && e.status() == 403) {
      return Check.fail(name, "HTTP 403: the key lacks a scope (" + String.join(" or ", scopes) + ")",
          "create a new binding with " + String.join(", ", scopes), ExitCode.AUTH);
    }
    return Check.fail(name, e.getMessage(), Failures.hint(e, env), ExitCode.of(e));
  }

  private static String tokenFix(CalmException e, Environment env) {
    if (e instanceof CalmAuthException && TokenHost.unreachable(e) != null) {
      return Failures.hint(e, env);
    }
    if (e instanceof CalmAuthException) {
      return "check uaa.clientid and uaa.clientsecret (copy the whole key again), or create a new service key if"
          + " the binding was deleted or its secret rotated";
    }
    return "check uaa.url and the network (a proxy is read from https.proxyHost); " + Failures.hint(e, env);
  }

  private static String quoted(List<String> scopes, String prefix) {
    return scopes.stream().map(s -> "\"" + prefix + s + "\"").collect(Collectors.joining(", "));
  }

  private static void print(
      Output out, Map<String, Object> keyInfo, Map<String, Object> tokenInfo, List<Check> checks, int exit) {
    if (out.json()) {
      out.document(Views.object(
          "serviceKey", keyInfo,
          "token", tokenInfo,
          "checks", checks.stream().map(c -> Views.object(
              "check", c.name(), "result", c.result().name(), "detail", c.detail(), "fix", c.fix()))
              .collect(Collectors.toList()),
          "exitCode", exit));
      return;
    }
    Map<String, String> fields = new LinkedHashMap<>();
    if (keyInfo != null) {
      fields.put("service key", (String) keyInfo.get("source"));
      fields.put("api", (String) keyInfo.get("apiBase"));
      fields.put("token url", (String) keyInfo.get("tokenUri"));
      fields.put("client id", (String) keyInfo.get("clientId"));
      fields.put("credential", keyInfo.get("credentialType") + ", " + keyInfo.get("authentication"));
    }
    if (tokenInfo != null) {
      Instant expires = (Instant) tokenInfo.get("expiresAt");
      fields.put("token expiry", Format.time(expires) + " (" + Format.relative(expires, Instant.now()) + ")");
      @SuppressWarnings("unchecked")
      List<String> granted = (List<String>) tokenInfo.get("scopes");
      fields.put("scopes", Format.list(granted));
    }
    if (!fields.isEmpty()) {
      out.fields(fields, "");
      out.line("");
    }
    List<List<String>> rows = new ArrayList<>();
    for (Check c : checks) {
      rows.add(List.of(c.result().name(), c.name(), c.detail()));
    }
    out.table(List.of("RESULT", "CHECK", "DETAIL"), rows);
    List<Check> failed = checks.stream().filter(c -> c.fix() != null).collect(Collectors.toList());
    if (!failed.isEmpty()) {
      out.line("");
      out.line("to fix:");
      failed.forEach(c -> out.line("  " + c.name() + ": " + c.fix()));
    }
    out.line("");
    out.line(exit == 0 ? "all checks passed" : "some checks failed (exit " + exit + ")");
  }
}

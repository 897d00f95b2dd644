package io.github.calmsdk.cli;

import io.github.calmsdk.auth.AccessToken;
import io.github.calmsdk.auth.CalmCredentials;
import io.github.calmsdk.auth.ServiceKey;
import io.github.calmsdk.auth.ServiceKeyKind;
import io.github.calmsdk.client.CalmClient;
import io.github.calmsdk.core.error.CalmAuthException;
import io.github.calmsdk.core.error.CalmException;
import io.github.calmsdk.core.error.CalmInvalidRequestException;
import io.github.calmsdk.features.FeatureQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/**
 * {@code calm doctor}: checks each key it has from end to end and says what is missing and how to fix it: the
 * key's fields, a token (its expiry and granted scopes), the scopes each API it serves needs, and one read of each
 * of those APIs. The service key serves the Features API when it is a Cloud ALM key, and the transports unless a
 * transport key is given; the transport key serves the transports. The exit code is 0 when no check failed, else
 * the highest code among the failed ones.
 */
@Command(
    name = "doctor",
    description = {
      "check the service key and the transport key from end to end, and say what is missing and how to fix it",
      "Checks each key's fields, a token (expiry and granted scopes), the scopes each API it serves needs, GET"
          + " /v2/nodes of transport management (with the transport key when one is given) and GET Features?$top=1"
          + " of the Features API (with a Cloud ALM service key).",
      "Prints a checklist with OK/WARN/INFO/FAIL/SKIP per line and what to do. WARN (such as a scope name missing"
          + " while the API's read worked) and INFO (such as features not configured with only a Cloud Transport"
          + " Management key) leave the exit code alone. Exit 0 when nothing failed, else the code of the worst"
          + " failure.",
      "With --json: {serviceKey, token, transportKey, checks:[{check, result, detail, fix}], exitCode}; serviceKey"
          + " and token are the service key's, transportKey (with its own token) is null without --transport-key"
          + " or " + KeySource.TRANSPORT_VARIABLE + "."
    })
final class DoctorCommand implements CliCommand {
  /** The scopes transport management needs (read, and write). */
  static final List<String> DEPLOYMENT_SCOPES = List.of("imp-cdm-feature-display-ui", "imp-cdm-feature-manage-ui");
  /** The scopes the Features API needs (read, and write). */
  static final List<String> FEATURES_SCOPES = List.of("calm-api.features.read", "calm-api.features.write");

  /** One key under test: what it is called in the checklist, its credentials, and which APIs it serves. */
  private record Subject(
      String label, String tokenCheck, ServiceKey key, CalmCredentials credentials, boolean transports,
      boolean features) {}

  /** A probe's line, and the failure behind it (null when it passed). */
  private record Probe(Check check, CalmException failure) {}

  @Override
  public int run(Context context) {
    List<Check> checks = new ArrayList<>();
    KeySource serviceSource = context.keySource();
    KeySource transportSource = context.transportKeySource();
    Map<String, Object> keyInfo = null;
    Map<String, Object> tokenInfo = null;
    Map<String, Object> transportInfo = null;
    boolean readable = true;
    ServiceKey service = null;
    if (serviceSource.given() || !transportSource.given()) {
      try {
        service = context.serviceKey();
        keyInfo = keyInfo(service, serviceSource);
        checks.add(Check.ok("service key", serviceSource.describe() + ": every field readable" + kindNote(service)));
      } catch (UsageException | CalmException e) {
        readable = false;
        checks.add(Check.fail("service key", e.getMessage(), Failures.hint(e, context.env()), ExitCode.USAGE));
      }
    }
    ServiceKey transport = null;
    if (transportSource.given()) {
      try {
        transport = context.transportKey();
        transportInfo = keyInfo(transport, transportSource);
        checks.add(Check.ok("transport key", transportSource.describe() + ": every field readable"
            + kindNote(transport)));
      } catch (CommandFailure e) {
        readable = false;
        checks.add(Check.fail("transport key", e.getMessage(), e.hint(), ExitCode.USAGE));
      }
    }
    if (!readable) {
      checks.add(Check.skip("scopes", "a key is unreadable"));
      checks.add(Check.skip("transport management", "a key is unreadable"));
      checks.add(Check.skip("features", "a key is unreadable"));
    } else {
      CalmClient client = context.client();
      List<Subject> subjects = new ArrayList<>();
      if (service != null) {
        subjects.add(new Subject("service key", "token", service, client.credentials(), transport == null,
            service.kind() == ServiceKeyKind.CLOUD_ALM));
      }
      if (transport != null) {
        subjects.add(new Subject("transport key", "transport key token", transport, client.transportCredentials(),
            true, false));
      }
      for (Subject s : subjects) {
        AccessToken token = check(s, client, context.env(), checks);
        if (token != null) {
          Map<String, Object> info = Views.object("expiresAt", token.expiresAt(), "scopes", List.copyOf(token.scopes()));
          if (s.key() == service) {
            tokenInfo = info;
          } else {
            transportInfo.put("token", info);
          }
        }
      }
      if (!client.hasFeatures()) {
        checks.add(Check.info("features", "not configured: the features commands need a Cloud ALM service key"
            + " (with endpoints.Api), via " + KeySource.OPTION + " or " + KeySource.VARIABLE));
      }
    }
    int exit = checks.stream().mapToInt(Check::exitCode).max().orElse(0);
    print(context.out(), keyInfo, tokenInfo, transportInfo, checks, exit);
    if (exit != 0) {
      long failed = checks.stream().filter(c -> c.result() == Check.Result.FAIL).count();
      context.out().error("doctor: " + failed + " of " + checks.size() + " checks failed",
          context.out().json() ? "see the checks' fix fields" : "see 'to fix' above");
    }
    return exit;
  }

  /** Checks one key's token, and the scopes and one read of each API it serves; returns the token, or null. */
  private static AccessToken check(Subject s, CalmClient client, Environment env, List<Check> checks) {
    AccessToken token;
    try {
      token = s.credentials().token();
      checks.add(Check.ok(s.tokenCheck(), "fetched from " + s.key().tokenUri() + "; expires "
          + Format.time(token.expiresAt()) + " (" + Format.relative(token.expiresAt(), Instant.now()) + ")"));
    } catch (CalmException e) {
      checks.add(Check.fail(s.tokenCheck(), e.getMessage(), tokenFix(e, env), ExitCode.of(e)));
      if (s.transports()) {
        checks.add(Check.skip("transport management", "no token"));
      }
      if (s.features()) {
        checks.add(Check.skip("features", "no token"));
      }
      return null;
    }
    Probe nodes = s.transports() ? probeNodes(client, env) : null;
    Probe features = s.features() ? probeFeatures(client, env) : null;
    if (nodes != null && s.key().kind() == ServiceKeyKind.TRANSPORT_MANAGEMENT) {
      // a CTMS key's token carries the CTMS plan's own scope names, which SAP does not list for this use; the names
      // above are Cloud ALM's, so only the read below can tell
      checks.add(Check.info("transport management scopes",
          "not checked for a Cloud Transport Management key (its plan names its own scopes); the GET /v2/nodes read"
              + " below decides"));
    } else if (nodes != null) {
      checks.add(scopes("transport management scopes", token, DEPLOYMENT_SCOPES,
          "create a new binding with the authorities "
              + quoted(token.missingScopes(DEPLOYMENT_SCOPES), "$XSMASTERAPPNAME.") + " (README: Getting a service key)",
          nodes));
    }
    if (features != null) {
      checks.add(scopes("features scopes", token, FEATURES_SCOPES,
          "create a new binding with the scopes " + quoted(token.missingScopes(FEATURES_SCOPES), "")
              + " (README: Getting a service key)", features));
    }
    if (nodes != null) {
      checks.add(nodes.check());
    }
    if (features != null) {
      checks.add(features.check());
    }
    return token;
  }

  private static String kindNote(ServiceKey key) {
    return key.kind() == ServiceKeyKind.TRANSPORT_MANAGEMENT
        ? " (Cloud Transport Management key: transports at " + key.apiBase() + "/v2)"
        : "";
  }

  private static Map<String, Object> keyInfo(ServiceKey key, KeySource source) {
    return Views.object(
        "source", source.describe(),
        "kind", key.kind().name(),
        "apiBase", key.apiBase().toString(),
        "tokenUri", key.tokenUri().toString(),
        "clientId", key.clientId(),
        "identityZone", key.identityZone().orElse(null),
        "credentialType", key.credentialTypeName().orElse(key.credentialType().toString()),
        "authentication", key.usesCertificate() ? "certificate (mTLS)" : "client secret");
  }

  /**
   * The scope names against what the probe saw: a probe that worked outranks a name missing from the token, so a
   * missing name is a warning then (the read worked; a change may still be refused), and a failure only when the
   * probe was refused with 401 or 403. When the probe failed otherwise (say, HTTP 503), the probe's own line
   * carries the failure and the names stay a warning.
   */
  private static Check scopes(String name, AccessToken token, List<String> wanted, String fix, Probe probe) {
    List<String> missing = token.missingScopes(wanted);
    if (missing.isEmpty()) {
      return Check.ok(name, String.join(", ", wanted) + " granted");
    }
    String detail = "missing " + String.join(", ", missing);
    CalmException f = probe.failure();
    if (f instanceof CalmAuthException && (f.status() == 401 || f.status() == 403)) {
      return Check.fail(name, detail, fix, ExitCode.AUTH);
    }
    String seen = f == null
        ? "; the read below worked, so the key may be granted them under other names, or only changes are refused"
        : "; the read below failed for another reason";
    return Check.warn(name, detail + seen, fix);
  }

  private static Probe probeNodes(CalmClient client, Environment env) {
    String name = "GET /v2/nodes";
    try {
      int n = client.deployment().nodes().size();
      return new Probe(Check.ok(name, n + (n == 1 ? " node" : " nodes")), null);
    } catch (CalmException e) {
      return new Probe(probeFailure(name, e, DEPLOYMENT_SCOPES, env), e);
    }
  }

  private static Probe probeFeatures(CalmClient client, Environment env) {
    String name = "GET Features?$top=1";
    try {
      boolean any = client.features().list(FeatureQuery.builder().top(1).build()).iterator().hasNext();
      return new Probe(Check.ok(name, any ? "readable" : "readable (no features yet)"), null);
    } catch (CalmInvalidRequestException e) {
      // authorized: the tenant only wants a project, which this probe does not send
      return new Probe(
          Check.ok(name, "reachable and authorized (HTTP " + e.status() + ": the tenant wants a projectId)"), null);
    } catch (CalmException e) {
      return new Probe(probeFailure(name, e, FEATURES_SCOPES, env), e);
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

  private static void print(Output out, Map<String, Object> keyInfo, Map<String, Object> tokenInfo,
      Map<String, Object> transportInfo, List<Check> checks, int exit) {
    if (out.json()) {
      out.document(Views.object(
          "serviceKey", keyInfo,
          "token", tokenInfo,
          "transportKey", transportInfo,
          "checks", checks.stream().map(c -> Views.object(
              "check", c.name(), "result", c.result().name(), "detail", c.detail(), "fix", c.fix()))
              .collect(Collectors.toList()),
          "exitCode", exit));
      return;
    }
    Map<String, String> fields = new LinkedHashMap<>();
    keyFields(fields, "", "service key", keyInfo, tokenInfo);
    @SuppressWarnings("unchecked")
    Map<String, Object> transportToken =
        transportInfo == null ? null : (Map<String, Object>) transportInfo.get("token");
    keyFields(fields, "transport ", "transport key", transportInfo, transportToken);
    if (!fields.isEmpty()) {
      out.fields(fields, "");
      out.line("");
    }
    List<List<String>> rows = new ArrayList<>();
    for (Check c : checks) {
      rows.add(List.of(c.result().name(), c.name(), c.detail()));
    }
    out.table(List.of("RESULT", "CHECK", "DETAIL"), rows);
    List<Check> toFix = checks.stream().filter(c -> c.fix() != null).collect(Collectors.toList());
    if (!toFix.isEmpty()) {
      out.line("");
      out.line("to fix:");
      toFix.forEach(c -> out.line("  " + c.name() + ": " + c.fix()));
    }
    long warnings = checks.stream().filter(c -> c.result() == Check.Result.WARN).count();
    out.line("");
    out.line(exit == 0
        ? "all checks passed" + (warnings == 0 ? "" : " (" + warnings + (warnings == 1 ? " warning)" : " warnings)"))
        : "some checks failed (exit " + exit + ")");
  }

  private static void keyFields(Map<String, String> fields, String prefix, String label, Map<String, Object> keyInfo,
      Map<String, Object> tokenInfo) {
    if (keyInfo != null) {
      fields.put(label, (String) keyInfo.get("source"));
      fields.put(prefix + "api", (String) keyInfo.get("apiBase"));
      fields.put(prefix + "token url", (String) keyInfo.get("tokenUri"));
      fields.put(prefix + "client id", (String) keyInfo.get("clientId"));
      fields.put(prefix + "credential", keyInfo.get("credentialType") + ", " + keyInfo.get("authentication"));
    }
    if (tokenInfo != null) {
      Instant expires = (Instant) tokenInfo.get("expiresAt");
      fields.put(prefix + "token expiry", Format.time(expires) + " (" + Format.relative(expires, Instant.now()) + ")");
      @SuppressWarnings("unchecked")
      List<String> granted = (List<String>) tokenInfo.get("scopes");
      fields.put(prefix + "scopes", Format.list(granted));
    }
  }
}

/**
 * FakeCalm: an in-process, stateful fake SAP Cloud ALM for tests. It speaks the OAuth token endpoint, the
 * CTMS-compatible transport-management API and the Features OData API on a loopback port, and can inject faults.
 *
 * <pre>{@code
 * try (FakeCalm fake = FakeCalm.start()) {
 *   String serviceKey = fake.serviceKeyJson();
 *   // point the client under test at the service key, then assert on fake.transportRequests()
 * }
 * }</pre>
 */
module io.github.calmsdk.testkit {
  requires jdk.httpserver;
  requires com.fasterxml.jackson.databind;

  exports io.github.calmsdk.testkit;
}

/**
 * FakeCalm, a stateful fake SAP Cloud ALM for tests: token endpoint, transport management (CTMS v2 through the
 * Cloud ALM pass-through), Features OData API and fault injection.
 *
 * <pre>{@code
 * try (FakeCalm fake = FakeCalm.builder().importPollsUntilDone(1).start()) {
 *   fake.faults().on("POST", ".+/v2/nodes/export").status(503).once();
 *   // run the client under test against fake.serviceKeyJson(), then:
 *   assertThat(fake.transportRequests()).hasSize(1);
 * }
 * }</pre>
 */
package io.github.calmsdk.testkit;

package io.github.calmsdk.testkit.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code FakeCalm.Builder} collects, validated there.
 *
 * @param clock the fake's clock: token expiry, timestamps, timed imports
 * @param tokenLifetime lifetime of issued tokens
 * @param importPolls reads of GET /v2/actions/{id} that still show "running"; used when importDuration is null
 * @param importDuration how long an import runs on the clock, or null to count polls
 * @param scopes the scopes put into every token
 * @param clientId the client id
 * @param clientSecret the client secret
 * @param featureStatuses feature status code to name, in order
 * @param featurePriorities feature priority code to name, in order
 * @param autoForward whether a successful import forwards the TR to the follow-on nodes
 * @param featuresMaxPageSize server-driven page size for OData collections, 0 for none
 * @param requireProjectIdParameter whether GET /Features insists on a plain projectId parameter
 * @param threads the number of server threads
 * @param port the loopback port to bind, 0 for an ephemeral one
 * @param tms231Reads whether the TMS 2.3.1 reads (single TR in a node, tracking) are served
 * @param tms231AbsentStatus the status those paths answer when they are not served: 404 or 405
 * @param specTimestamps whether action and log timestamps use the spec's {@code .SSSSxx} form
 */
public record Settings(
    Clock clock,
    Duration tokenLifetime,
    int importPolls,
    Duration importDuration,
    List<String> scopes,
    String clientId,
    String clientSecret,
    Map<String, String> featureStatuses,
    Map<Integer, String> featurePriorities,
    boolean autoForward,
    int featuresMaxPageSize,
    boolean requireProjectIdParameter,
    int threads,
    int port,
    boolean tms231Reads,
    int tms231AbsentStatus,
    boolean specTimestamps) {}

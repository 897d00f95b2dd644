package io.github.calmsdk.testkit;

import java.time.Duration;

/**
 * A fault rule being defined: choose what happens, then how often ({@link #times(int)}, {@link #once()} or
 * {@link #always()}), which arms it. Without a kind the rule only delays (if a delay is set) and then answers
 * normally.
 *
 * <pre>{@code
 * Fault f = fake.faults().on("POST", ".+/v2/files/upload").connectionReset().times(1);
 * // ... the client retries ...
 * assertThat(f.fired()).isEqualTo(1);
 * }</pre>
 */
public interface FaultSpec {
  /**
   * Answers with this status instead of processing the request. The body is an error in the shape of the API
   * that was called (token endpoint, transport management or OData) unless {@link #body(String)} is given.
   *
   * @param status an HTTP status from 100 to 599
   * @return this rule
   * @throws IllegalArgumentException when the status is out of range
   */
  FaultSpec status(int status);

  /**
   * The JSON body sent with {@link #status(int)}.
   *
   * @param json the body, sent as {@code application/json}
   * @return this rule
   */
  FaultSpec body(String json);

  /**
   * Adds a {@code Retry-After} header in delay-seconds form (rounded up) to the {@link #status(int)} answer.
   *
   * @param delay the delay
   * @return this rule
   */
  FaultSpec retryAfter(Duration delay);

  /**
   * Adds a response header to the {@link #status(int)} answer, for example an HTTP-date {@code Retry-After}.
   *
   * @param name the header name
   * @param value the header value
   * @return this rule
   */
  FaultSpec header(String name, String value);

  /**
   * Waits this long before doing anything else (processing, or the chosen fault). Combine with a kind, or use
   * alone to slow a call down.
   *
   * @param delay the delay
   * @return this rule
   */
  FaultSpec delay(Duration delay);

  /**
   * Does not process the request; sends response headers announcing a body and closes the connection after a few
   * bytes, so {@code java.net.http.HttpClient} throws an {@link java.io.IOException}.
   *
   * @return this rule
   */
  FaultSpec connectionReset();

  /**
   * Processes the request, then answers 200 with the response's JSON cut in half (or <code>{"value":[</code> when
   * there was no body).
   *
   * @return this rule
   */
  FaultSpec malformedBody();

  /**
   * Processes the request (its state change is applied), then closes the connection like {@link #connectionReset()}:
   * the client cannot know whether the call worked.
   *
   * @return this rule
   */
  FaultSpec dropResponseAfterProcessing();

  /**
   * Arms the rule for the next {@code n} matching requests.
   *
   * @param n how many times it fires, at least 1
   * @return the armed fault
   * @throws IllegalArgumentException when n is less than 1
   */
  Fault times(int n);

  /**
   * Arms the rule for the next matching request.
   *
   * @return the armed fault
   */
  Fault once();

  /**
   * Arms the rule for every matching request until it is cancelled or the faults are cleared.
   *
   * @return the armed fault
   */
  Fault always();
}

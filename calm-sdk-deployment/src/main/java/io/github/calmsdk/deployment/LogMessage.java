package io.github.calmsdk.deployment;

import java.time.Instant;

/**
 * One message of an action's or a transport request's log.
 *
 * <pre>{@code
 * System.out.println(m.severityCode() + " " + m.createdAt() + " " + m.message());
 * }</pre>
 *
 * @param id the message id, 0 when the server sent none
 * @param messageId the server's message number, or null
 * @param severity the severity
 * @param severityCode the severity code as the server sent it, or null
 * @param message the text, or null
 * @param createdAt when it was written, or null
 */
public record LogMessage(
    long id, String messageId, LogSeverity severity, String severityCode, String message, Instant createdAt) {}

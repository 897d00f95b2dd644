package io.github.calmsdk.relay;

/**
 * The relay's store cannot be used: the file is not a database, its schema is newer than this relay, the disk is
 * full, the database is unreachable. The message says what happened and what to do; it never holds a password.
 *
 * <pre>{@code
 * try {
 *   RelayStore.open("calm-relay.db");
 * } catch (RelayStoreException e) {
 *   System.err.println(e.getMessage());
 * }
 * }</pre>
 */
public class RelayStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what happened and what to do
   * @param cause the cause, or null
   */
  public RelayStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}

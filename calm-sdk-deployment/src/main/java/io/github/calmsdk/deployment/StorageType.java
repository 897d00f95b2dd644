package io.github.calmsdk.deployment;

import io.github.calmsdk.core.error.CalmValidationException;

/**
 * Where a transport request's content lives: {@code FILE} (uploaded to the service) or {@code REFERENCE} (a URI the
 * target resolves). Other values from the server are kept.
 *
 * <pre>{@code
 * boolean uploaded = entry.storageType().equals(StorageType.FILE);
 * }</pre>
 *
 * @param value the value as sent on the wire
 */
public record StorageType(String value) {
  /** Content uploaded through {@code POST /v2/files/upload}; the entry URI is the file id. */
  public static final StorageType FILE = new StorageType("FILE");
  /** Content named by a reference URI. */
  public static final StorageType REFERENCE = new StorageType("REFERENCE");

  /**
   * Checks the value.
   *
   * @throws CalmValidationException when the value is blank
   */
  public StorageType {
    if (value == null || value.isBlank()) {
      throw new CalmValidationException("storageType", "is blank; use StorageType.FILE or REFERENCE");
    }
  }

  /**
   * A storage type.
   *
   * @param value the value as sent on the wire
   * @return the storage type
   * @throws CalmValidationException when the value is blank
   */
  public static StorageType of(String value) {
    return new StorageType(value);
  }

  /** The value. */
  @Override
  public String toString() {
    return value;
  }
}

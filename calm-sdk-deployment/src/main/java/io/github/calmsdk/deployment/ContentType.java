package io.github.calmsdk.deployment;

import io.github.calmsdk.core.error.CalmValidationException;

/**
 * The content type of a transport request. The API documents {@code MTA}, {@code BTP_ABAP}, {@code APP} and {@code
 * XSCDU}; the set is open, so other values are accepted and kept.
 *
 * <pre>{@code
 * ContentType mta = ContentType.MTA;
 * ContentType custom = ContentType.of("MY_TYPE");
 * }</pre>
 *
 * @param value the value as sent on the wire
 */
public record ContentType(String value) {
  /** Multitarget application archives. */
  public static final ContentType MTA = new ContentType("MTA");
  /** SAP BTP ABAP environment software components. */
  public static final ContentType BTP_ABAP = new ContentType("BTP_ABAP");
  /** Application content (for example SAP Integration Suite or SAP Build Work Zone content). */
  public static final ContentType APP = new ContentType("APP");
  /** SAP HANA XS classic delivery units. */
  public static final ContentType XSCDU = new ContentType("XSCDU");

  /**
   * Checks the value.
   *
   * @throws CalmValidationException when the value is blank
   */
  public ContentType {
    if (value == null || value.isBlank()) {
      throw new CalmValidationException("contentType", "is blank; use ContentType.MTA, BTP_ABAP, APP or XSCDU");
    }
  }

  /**
   * A content type.
   *
   * @param value the value as sent on the wire
   * @return the content type
   * @throws CalmValidationException when the value is blank
   */
  public static ContentType of(String value) {
    return new ContentType(value);
  }

  /** The value. */
  @Override
  public String toString() {
    return value;
  }
}

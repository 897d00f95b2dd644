package io.github.calmsdk.deployment;

import io.github.calmsdk.core.error.CalmValidationException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The status of a transport request, of an import action, or of a transport request inside an action, as the
 * server reports it. The set of values is open: a value this SDK does not know is kept as it came, with {@link
 * #kind()} {@link Kind#OTHER}, and never fails a call.
 *
 * <p>The server writes {@code repeat} for what the UI calls <em>Repeatable</em>; the UI also shows
 * <em>Skipped</em>, which the published enumeration lacks. {@link #value()} keeps the server's text as it came,
 * case included ({@code brandNewStatus} stays {@code brandNewStatus}); {@link #kind()}, {@link #equals(Object)}
 * and {@link #hashCode()} ignore case, so {@code Succeeded} is {@link #SUCCEEDED} and {@code repeatable} is {@link
 * #REPEATABLE}.
 *
 * <pre>{@code
 * switch (tr.status().kind()) {
 *   case ERROR, SKIPPED, SUCCEEDED -> System.out.println("reset, then import");
 *   case OTHER -> System.out.println("new status from the server: " + tr.status().value());
 *   default -> { }
 * }
 * }</pre>
 *
 * @param value the status as the server writes it, case kept (surrounding blanks trimmed)
 */
public record TransportStatus(String value) {
  /** {@code initial}: waiting in the queue, never imported. */
  public static final TransportStatus INITIAL = new TransportStatus("initial");
  /** {@code running}: an import is in progress. */
  public static final TransportStatus RUNNING = new TransportStatus("running");
  /** {@code repeat}: may be imported again (UI: Repeatable). */
  public static final TransportStatus REPEATABLE = new TransportStatus("repeat");
  /** {@code succeeded}: imported. */
  public static final TransportStatus SUCCEEDED = new TransportStatus("succeeded");
  /** {@code skipped}: passed over by an import; equivalent to succeeded, per SAP's TMS status documentation. */
  public static final TransportStatus SKIPPED = new TransportStatus("skipped");
  /** {@code warning}: imported with warnings. */
  public static final TransportStatus WARNING = new TransportStatus("warning");
  /** {@code error}: partly imported; reset it before importing it again. */
  public static final TransportStatus ERROR = new TransportStatus("error");
  /** {@code fatal}: nothing was imported; may be imported again directly. */
  public static final TransportStatus FATAL = new TransportStatus("fatal");
  /** {@code deleted}: removed from the queue. */
  public static final TransportStatus DELETED = new TransportStatus("deleted");
  /** {@code unknown}: the server itself does not know. */
  public static final TransportStatus UNKNOWN = new TransportStatus("unknown");

  /** The statuses that have a query code, in the order of the API's documentation. */
  public static final List<TransportStatus> QUERYABLE =
      List.of(INITIAL, RUNNING, REPEATABLE, SUCCEEDED, SKIPPED, WARNING, ERROR, FATAL, DELETED);

  /**
   * What a status means to this SDK, for switches; {@link #OTHER} stands for every value it does not know.
   *
   * <pre>{@code
   * boolean failed = EnumSet.of(Kind.ERROR, Kind.FATAL).contains(tr.status().kind());
   * }</pre>
   */
  public enum Kind {
    /** {@code initial}. */
    INITIAL("in"),
    /** {@code running}. */
    RUNNING("ru"),
    /** {@code repeat}. */
    REPEATABLE("re"),
    /** {@code succeeded}. */
    SUCCEEDED("su"),
    /** {@code skipped}. */
    SKIPPED("sk"),
    /** {@code warning}. */
    WARNING("wa"),
    /** {@code error}. */
    ERROR("er"),
    /** {@code fatal}. */
    FATAL("fa"),
    /** {@code deleted}. */
    DELETED("de"),
    /** {@code unknown}, as the server says. */
    UNKNOWN(null),
    /** A value this SDK does not know; see {@link TransportStatus#value()}. */
    OTHER(null);

    private final String queryCode;

    Kind(String queryCode) {
      this.queryCode = queryCode;
    }
  }

  /**
   * Trims the value and keeps its case.
   *
   * @throws CalmValidationException when the value is blank
   */
  public TransportStatus {
    if (value == null || value.isBlank()) {
      throw new CalmValidationException("status", "is blank; pass a status such as \"error\"");
    }
    value = value.trim();
  }

  /**
   * The status for a value; every value is kept as given (trimmed), case included.
   *
   * @param value the value, such as {@code "error"}
   * @return the status
   * @throws CalmValidationException when the value is blank
   */
  public static TransportStatus of(String value) {
    return new TransportStatus(value);
  }

  /**
   * The status for a query code such as {@code "er"}.
   *
   * @param code one of {@code in, ru, re, su, sk, wa, er, fa, de}
   * @return the status
   * @throws CalmValidationException when the code is not one of those
   */
  public static TransportStatus fromQueryCode(String code) {
    for (TransportStatus s : QUERYABLE) {
      if (s.kind().queryCode.equalsIgnoreCase(code == null ? "" : code.trim())) {
        return s;
      }
    }
    throw new CalmValidationException(
        "status", "unknown query code '" + code + "'; use one of in, ru, re, su, sk, wa, er, fa, de");
  }

  /**
   * What the status means to this SDK.
   *
   * @return the kind, {@link Kind#OTHER} for values this SDK does not know
   */
  public Kind kind() {
    switch (value.toLowerCase(Locale.ROOT)) {
      case "initial":
        return Kind.INITIAL;
      case "running":
        return Kind.RUNNING;
      case "repeat":
      case "repeatable":
        return Kind.REPEATABLE;
      case "succeeded":
        return Kind.SUCCEEDED;
      case "skipped":
        return Kind.SKIPPED;
      case "warning":
        return Kind.WARNING;
      case "error":
        return Kind.ERROR;
      case "fatal":
        return Kind.FATAL;
      case "deleted":
        return Kind.DELETED;
      case "unknown":
        return Kind.UNKNOWN;
      default:
        return Kind.OTHER;
    }
  }

  /**
   * Whether this SDK knows the value.
   *
   * @return false for {@link Kind#OTHER}
   */
  public boolean isKnown() {
    return kind() != Kind.OTHER;
  }

  /**
   * The two-letter code the transport request query takes for this status.
   *
   * @return the code, empty for {@code unknown} and values this SDK does not know
   */
  public Optional<String> queryCode() {
    return Optional.ofNullable(kind().queryCode);
  }

  /**
   * Whether an import ended well in this status: {@code succeeded}, {@code warning} or {@code skipped}. SAP's TMS
   * documentation of transport request statuses says Skipped is equivalent to Succeeded (virtual nodes, BTP ABAP
   * and application content, Import Upto); {@code warning} means imported with warnings.
   *
   * <pre>{@code
   * boolean done = outcome.transportRequests().stream().allMatch(t -> t.status().isSuccess());
   * }</pre>
   *
   * @return true for {@link Kind#SUCCEEDED}, {@link Kind#WARNING} and {@link Kind#SKIPPED}
   */
  public boolean isSuccess() {
    Kind k = kind();
    return k == Kind.SUCCEEDED || k == Kind.WARNING || k == Kind.SKIPPED;
  }

  /**
   * Whether an import or action in this status is still going: {@code initial} or {@code running}.
   *
   * @return true while not finished
   */
  public boolean isInProgress() {
    Kind k = kind();
    return k == Kind.INITIAL || k == Kind.RUNNING;
  }

  /**
   * Whether the other is the same status: the same {@link #kind()} for statuses this SDK knows ({@code Succeeded}
   * equals {@link #SUCCEEDED}, {@code repeatable} equals {@link #REPEATABLE}), else the same value ignoring case.
   *
   * @param o the other object
   * @return true when both are the same status
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof TransportStatus && key().equals(((TransportStatus) o).key());
  }

  /**
   * A hash consistent with {@link #equals(Object)}.
   *
   * @return the hash
   */
  @Override
  public int hashCode() {
    return key().hashCode();
  }

  private String key() {
    Kind k = kind();
    return k == Kind.OTHER ? value.toLowerCase(Locale.ROOT) : k.name();
  }

  /** The value, as the server wrote it. */
  @Override
  public String toString() {
    return value;
  }
}

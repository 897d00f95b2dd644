package io.github.calmsdk.core.testing;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * An SLF4J 2 provider that sends to {@link CapturedLogs} every line of the SDK's loggers ({@code io.github.calmsdk.*}) at
 * every level down to TRACE, and WARN and ERROR of everything else (WireMock's Jetty is loud at DEBUG).
 */
public final class CapturingLoggerProvider implements SLF4JServiceProvider {
  private final ILoggerFactory factory = CapturingLogger::new;
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new NOPMDCAdapter();

  @Override
  public ILoggerFactory getLoggerFactory() {
    return factory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {}

  static final class CapturingLogger extends AbstractLogger implements Logger {
    private static final long serialVersionUID = 1L;

    private final boolean sdk;

    CapturingLogger(String name) {
      this.name = name;
      this.sdk = name.startsWith("io.github.calmsdk");
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level, Marker marker, String msg, Object[] args, Throwable t) {
      StringBuilder sb = new StringBuilder();
      sb.append(level).append(' ').append(name).append(" - ");
      sb.append(MessageFormatter.basicArrayFormat(msg, args));
      for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
        sb.append(" | ").append(c);
        for (Throwable s : c.getSuppressed()) {
          sb.append(" | suppressed ").append(s);
        }
      }
      CapturedLogs.add(sb.toString());
      if (level == Level.WARN || level == Level.ERROR) {
        System.err.println(sb);
      }
    }

    @Override
    public boolean isTraceEnabled() {
      return sdk;
    }

    @Override
    public boolean isTraceEnabled(Marker marker) {
      return sdk;
    }

    @Override
    public boolean isDebugEnabled() {
      return sdk;
    }

    @Override
    public boolean isDebugEnabled(Marker marker) {
      return sdk;
    }

    @Override
    public boolean isInfoEnabled() {
      return sdk;
    }

    @Override
    public boolean isInfoEnabled(Marker marker) {
      return sdk;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isWarnEnabled(Marker marker) {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled(Marker marker) {
      return true;
    }
  }
}

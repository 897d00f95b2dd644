package io.github.calmsdk.cli;

import io.github.calmsdk.core.internal.SdkVersion;
import picocli.CommandLine.IVersionProvider;

/** What {@code --version} prints: the SDK's version as built, and the Java it runs on. */
final class SdkVersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
      "calm " + SdkVersion.get() + " (calm-sdk-java)",
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}

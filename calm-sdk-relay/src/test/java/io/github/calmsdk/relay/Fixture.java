package io.github.calmsdk.relay;

import io.github.calmsdk.auth.ServiceKey;
import io.github.calmsdk.client.CalmClient;
import io.github.calmsdk.core.testing.FakeClock;
import io.github.calmsdk.deployment.ContentType;
import io.github.calmsdk.deployment.ExportRequest;
import io.github.calmsdk.testkit.FakeCalm;
import io.github.calmsdk.testkit.FakeTransportRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** A fake Cloud ALM, a fake clock, a client on both, and helpers to make requests. */
final class Fixture implements AutoCloseable {
  final FakeClock clock = new FakeClock();
  final FakeCalm fake;
  final CalmClient calm;
  final Path dir;

  Fixture(Path dir) {
    this(dir, FakeCalm.builder().clock(new FakeClock()).importPollsUntilDone(0).start());
  }

  Fixture(Path dir, FakeCalm fake) {
    this.dir = dir;
    this.fake = fake;
    this.calm = CalmClient.builder()
        .serviceKey(ServiceKey.fromJson(fake.serviceKeyJson()))
        .clock(clock)
        .sleeper(clock.sleeper())
        .build();
  }

  RelayOptions.Builder options() {
    return RelayOptions.builder().clock(clock).random(new java.util.SplittableRandom(7)).spoolDirectory(dir.resolve("spool"));
  }

  Relay relay(RelayStore store, RelayOptions options) {
    return Relay.builder().client(calm).store(store).options(options).build();
  }

  RelayStore sqlite() {
    return RelayStore.sqlite(dir.resolve("relay.db"), clock);
  }

  ExportRequest export(String name) {
    Path f = dir.resolve(name + ".mtar");
    try {
      Files.write(f, ("content of " + name).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ExportRequest.builder().node("DEV").file(f).contentType(ContentType.MTA).description(name).build();
  }

  List<String> descriptions() {
    return fake.transportRequests().stream().map(FakeTransportRequest::description).collect(Collectors.toList());
  }

  @Override
  public void close() {
    calm.close();
    fake.close();
  }
}

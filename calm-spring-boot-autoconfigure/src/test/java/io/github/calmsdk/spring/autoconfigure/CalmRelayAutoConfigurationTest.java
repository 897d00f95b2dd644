package io.github.calmsdk.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.calmsdk.core.event.CallEnded;
import io.github.calmsdk.core.event.CalmListener;
import io.github.calmsdk.deployment.ContentType;
import io.github.calmsdk.deployment.ExportRequest;
import io.github.calmsdk.relay.EntryState;
import io.github.calmsdk.relay.Relay;
import io.github.calmsdk.relay.RelayOptions;
import io.github.calmsdk.relay.RelayStats;
import io.github.calmsdk.relay.RelayStore;
import io.github.calmsdk.relay.RelayStoreException;
import io.github.calmsdk.spring.autoconfigure.internal.RelayMeters;
import io.github.calmsdk.testkit.FakeCalm;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.sqlite.SQLiteDataSource;

class CalmRelayAutoConfigurationTest {
  @TempDir Path dir;
  FakeCalm fake;
  ApplicationContextRunner runner;

  @BeforeEach
  void start() {
    fake = FakeCalm.builder().importPollsUntilDone(0).start();
    runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CalmAutoConfiguration.class, CalmRelayAutoConfiguration.class,
            CalmRelayMetricsAutoConfiguration.class))
        .withPropertyValues("calm.service-key=" + fake.serviceKeyJson(), "calm.relay.spool-directory=" + dir.resolve("spool"), "test.dir=" + dir);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void theRelayIsOffUnlessEnabled() {
    runner.run(context -> {
      assertThat(context).hasNotFailed().doesNotHaveBean(Relay.class).doesNotHaveBean(RelayStore.class);
      assertThat(context).doesNotHaveBean("calmRelayLifecycle");
    });
  }

  @Test
  void withoutTheRelayOnTheClassPathEnablingItChangesNothing() {
    runner.withClassLoader(new FilteredClassLoader(Relay.class))
        .withPropertyValues("calm.relay.enabled=true")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("calmRelay").doesNotHaveBean("calmRelayMeters"));
  }

  @Test
  void anEnabledRelayUsesTheSqliteFileOfTheStorePropertyAndRunsWithTheContext() {
    Path db = dir.resolve("outbox.db");
    SmartLifecycle[] lifecycle = new SmartLifecycle[1];
    runner.withPropertyValues("calm.relay.enabled=true", "calm.relay.store=" + db, "calm.relay.package-size=7")
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(Relay.class);
          assertThat(context.getBean(RelayStore.class).location()).contains(db.toString());
          lifecycle[0] = context.getBean("calmRelayLifecycle", SmartLifecycle.class);
          assertThat(lifecycle[0].isRunning()).isTrue();
          assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName).contains("calm-relay");
        });
    assertThat(lifecycle[0].isRunning()).isFalse();
    assertThat(db).exists();
  }

  @Test
  void anEnabledRelayUsesTheApplicationsDataSource() {
    runner.withUserConfiguration(OwnDataSource.class).withPropertyValues("calm.relay.enabled=true")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(RelayStore.class).location()).contains("DataSource");
          assertThat(dir.resolve("app.db")).exists();
        });
  }

  @Test
  void anUnsupportedApplicationDataSourceFailsNamingTheStoreProperty() {
    runner.withUserConfiguration(OracleDataSource.class).withPropertyValues("calm.relay.enabled=true")
        .run(context -> {
          InvalidCalmPropertyException e = CalmAutoConfigurationTest.rootCause(context.getStartupFailure());
          assertThat(e.property()).isEqualTo("calm.relay.store");
          assertThat(e.getMessage()).contains("Oracle").contains("set calm.relay.store");
        });
  }

  @Test
  void severalDataSourcesNonePrimaryFailTheStartNamingTheStorePropertyInsteadOfFallingBackToAFile() {
    boolean fileBefore = Files.exists(Path.of("calm-relay.db"));
    runner.withUserConfiguration(TwoDataSources.class).withPropertyValues("calm.relay.enabled=true")
        .run(context -> {
          InvalidCalmPropertyException e = CalmAutoConfigurationTest.rootCause(context.getStartupFailure());
          assertThat(e.property()).isEqualTo("calm.relay.store");
          assertThat(e.getMessage()).contains("several DataSources").contains("set calm.relay.store")
              .contains("@Primary");
        });
    assertThat(Files.exists(Path.of("calm-relay.db"))).isEqualTo(fileBefore);
    assertThat(dir.resolve("one.db")).doesNotExist();
    assertThat(dir.resolve("two.db")).doesNotExist();
  }

  @Test
  void ofSeveralDataSourcesThePrimaryOneIsUsed() {
    runner.withUserConfiguration(TwoDataSourcesOnePrimary.class).withPropertyValues("calm.relay.enabled=true")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(RelayStore.class).location()).contains("DataSource");
          assertThat(dir.resolve("two.db")).exists();
          assertThat(dir.resolve("one.db")).doesNotExist();
        });
  }

  @Test
  void anUnreachableDataSourceFailsAsUnreachableNotAsAStoreSettingToChange() {
    runner.withUserConfiguration(UnreachableDataSource.class).withPropertyValues("calm.relay.enabled=true")
        .run(context -> {
          Throwable failure = context.getStartupFailure();
          assertThat(failure).isNotNull();
          Throwable root = failure;
          while (root.getCause() != null && !(root instanceof RelayStoreException)) {
            assertThat(root).isNotInstanceOf(InvalidCalmPropertyException.class);
            root = root.getCause();
          }
          assertThat(root).isInstanceOf(RelayStoreException.class)
              .hasMessageContaining("cannot connect to the relay's DataSource").hasMessageContaining("Connection refused")
              .hasMessageNotContaining("SQLite");
          assertThat(root.getCause()).isInstanceOf(java.sql.SQLException.class);
        });
  }

  @Test
  void theLifecycleBeanIsASmartLifecycleNamedCalmRelayLifecycleAndTheUsersOwnByThatNameWins() throws Exception {
    assertThat(CalmRelayAutoConfiguration.class.getMethod("calmRelayLifecycle", Relay.class).getReturnType())
        .isEqualTo(SmartLifecycle.class);
    runner.withUserConfiguration(OwnLifecycle.class)
        .withPropertyValues("calm.relay.enabled=true", "calm.relay.store=" + dir.resolve("outbox.db"))
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean("calmRelayLifecycle")).isSameAs(context.getBean(OwnLifecycle.class).own);
        });
  }

  @Test
  void aRelayThreadThatDiesOnAnUnexpectedFailureIsLoggedAndTurnsTheHealthIndicatorDown() throws Exception {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CalmAutoConfiguration.class, CalmRelayAutoConfiguration.class,
            CalmHealthAutoConfiguration.class))
        .withPropertyValues("calm.service-key=" + fake.serviceKeyJson(), "calm.relay.spool-directory=" + dir.resolve("spool"),
            "test.dir=" + dir, "calm.relay.enabled=true")
        .withUserConfiguration(BreakableDataSource.class)
        .run(context -> {
          assertThat(context).hasNotFailed();
          org.springframework.boot.health.contributor.HealthIndicator health =
              context.getBean("calmHealthIndicator", org.springframework.boot.health.contributor.HealthIndicator.class);
          assertThat(health.health().getStatus()).isEqualTo(org.springframework.boot.health.contributor.Status.UP);
          assertThat(health.health().getDetails()).doesNotContainKey("relay");

          BreakableDataSource ds = context.getBean(BreakableDataSource.class);
          ds.broken.set(true);
          context.getBean(Relay.class).wake();
          assertThat(ds.thrown.await(30, TimeUnit.SECONDS)).isTrue();
          CountDownLatch ended = new CountDownLatch(1);
          SmartLifecycle lifecycle = context.getBean("calmRelayLifecycle", SmartLifecycle.class);
          lifecycle.stop(ended::countDown);   // the thread is already failing: its end runs the callback
          assertThat(ended.await(30, TimeUnit.SECONDS)).isTrue();

          org.springframework.boot.health.contributor.Health down = health.health();
          assertThat(down.getStatus()).isEqualTo(org.springframework.boot.health.contributor.Status.DOWN);
          assertThat(down.getDetails().get("relay")).isEqualTo(java.util.Map.of("status", "DOWN",
              "error", "java.lang.IllegalStateException: the pool is closed"));
        });
  }

  @Test
  void theStorePropertyWinsOverTheApplicationsDataSource() {
    Path db = dir.resolve("outbox.db");
    runner.withUserConfiguration(OwnDataSource.class)
        .withPropertyValues("calm.relay.enabled=true", "calm.relay.store=" + db)
        .run(context -> assertThat(context.getBean(RelayStore.class).location()).contains(db.toString()));
  }

  @Test
  void theUsersOwnRelayWins() {
    runner.withUserConfiguration(OwnRelay.class)
        .withPropertyValues("calm.relay.enabled=true", "calm.relay.store=" + dir.resolve("outbox.db"))
        .run(context -> {
          assertThat(context).hasSingleBean(Relay.class);
          assertThat(context.getBean(Relay.class).owner()).isEqualTo("own-relay");
        });
  }

  @Test
  void aSubmittedExportIsDeliveredByTheRelayThreadAndTheContextStopsIt() throws Exception {
    Path mtar = Files.writeString(dir.resolve("app.mtar"), "content");
    long[] id = new long[1];
    runner.withUserConfiguration(CreateLatch.class)
        .withPropertyValues("calm.relay.enabled=true", "calm.relay.store=" + dir.resolve("outbox.db"),
            "calm.relay.send-at-once=true")
        .run(context -> {
          id[0] = context.getBean(Relay.class).submit(ExportRequest.builder().node("DEV").file(mtar).contentType(ContentType.MTA)
              .description("App 1").build());
          assertThat(context.getBean(CreateLatch.class).created.await(30, TimeUnit.SECONDS)).isTrue();
        });
    // the context's close waited for the pass in flight, which persisted the entry as delivered
    try (RelayStore store = RelayStore.open(dir.resolve("outbox.db").toString());
        io.github.calmsdk.client.CalmClient calm = io.github.calmsdk.client.CalmClient.builder()
            .serviceKey(io.github.calmsdk.auth.ServiceKey.fromJson(fake.serviceKeyJson())).build();
        Relay reader = Relay.builder().client(calm).store(store).build()) {
      assertThat(reader.entry(id[0]).orElseThrow().state()).isEqualTo(EntryState.DELIVERED);
      assertThat(fake.transportRequests()).hasSize(1);
    }
  }

  @Test
  void aBadRelayPropertyFailsNamingIt() {
    runner.withPropertyValues("calm.relay.enabled=true", "calm.relay.store=" + dir.resolve("outbox.db"),
            "calm.relay.package-size=0")
        .run(context -> {
          InvalidCalmPropertyException e = CalmAutoConfigurationTest.rootCause(context.getStartupFailure());
          assertThat(e.property()).isEqualTo("calm.relay.package-size");
          assertThat(e.getMessage()).isEqualTo("calm.relay.package-size: must be at least 1, was 0");
        });
    runner.withPropertyValues("calm.relay.enabled=true", "calm.relay.store=jdbc:mysql://db/calm")
        .run(context -> assertThat(CalmAutoConfigurationTest.rootCause(context.getStartupFailure()).property())
            .isEqualTo("calm.relay.store"));
  }

  @Test
  void theRelayPropertyDefaultsAreTheRelaysDefaults() {
    CalmProperties.Relay p = new CalmProperties().getRelay();
    RelayOptions d = RelayOptions.defaults();
    assertThat(p.isEnabled()).isFalse();
    assertThat(p.getInterval()).isEqualTo(d.interval());
    assertThat(p.getPackageSize()).isEqualTo(d.packageSize());
    assertThat(p.isSendAtOnce()).isEqualTo(d.sendAtOnce());
    assertThat(p.getMaxAttempts()).isEqualTo(d.maxAttempts());
    assertThat(p.getMaxAge()).isEqualTo(d.maxAge());
  }

  @Test
  void withMicrometerTheRelayGaugesCountEntriesAndAgeTheOldestPending() throws Exception {
    Path mtar = Files.writeString(dir.resolve("app.mtar"), "content");
    runner.withPropertyValues("calm.relay.enabled=true", "calm.relay.store=" + dir.resolve("outbox.db"))
        .run(context -> {
          context.getBean("calmRelayLifecycle", SmartLifecycle.class).stop();   // so the entry stays pending
          Relay relay = context.getBean(Relay.class);
          relay.submit(ExportRequest.builder().node("DEV").file(mtar).contentType(ContentType.MTA)
              .description("Waits").build());
          MeterRegistry registry = new SimpleMeterRegistry();
          context.getBean("calmRelayMeters", MeterBinder.class).bindTo(registry);

          assertThat(registry.get("calm.relay.entries").tag("state", "pending").gauge().value()).isEqualTo(1.0);
          assertThat(registry.get("calm.relay.entries").tag("state", "failed").gauge().value()).isZero();
          assertThat(registry.get("calm.relay.entries").tag("state", "unresolved").gauge().value()).isZero();
          assertThat(registry.get("calm.relay.oldest.pending").timeGauge().value(TimeUnit.SECONDS)).isNotNegative();
        });
  }

  @Test
  void withoutMicrometerTheRelayRunsWithoutGauges() {
    runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
        .withPropertyValues("calm.relay.enabled=true", "calm.relay.store=" + dir.resolve("outbox.db"))
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(Relay.class)
            .doesNotHaveBean("calmRelayMeters"));
  }

  @Test
  void oneStoreQueryServesEveryGaugeReadWithinASecondAndTheOldestPendingAgeIsTheRealAge() throws Exception {
    AtomicLong nanos = new AtomicLong();
    io.github.calmsdk.core.testing.FakeClock clock = new io.github.calmsdk.core.testing.FakeClock();
    try (RelayStore store = RelayStore.sqlite(dir.resolve("outbox.db"), clock);
        io.github.calmsdk.client.CalmClient calm = io.github.calmsdk.client.CalmClient.builder()
            .serviceKey(io.github.calmsdk.auth.ServiceKey.fromJson(fake.serviceKeyJson())).build();
        Relay relay = Relay.builder().client(calm).store(store)
            .options(RelayOptions.builder().clock(clock).spoolDirectory(dir.resolve("spool")).build()).build()) {
      MeterRegistry registry = new SimpleMeterRegistry();
      new RelayMeters(relay, nanos::get).bindTo(registry);
      Path mtar = Files.writeString(dir.resolve("a.mtar"), "a");
      relay.submit(ExportRequest.builder().node("DEV").file(mtar).contentType(ContentType.MTA).description("A").build());
      assertThat(registry.get("calm.relay.entries").tag("state", "pending").gauge().value()).isEqualTo(1.0);

      relay.submit(ExportRequest.builder().node("DEV").file(mtar).contentType(ContentType.MTA).description("B").build());
      nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(999));
      assertThat(registry.get("calm.relay.entries").tag("state", "pending").gauge().value()).isEqualTo(1.0);

      nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
      assertThat(registry.get("calm.relay.entries").tag("state", "pending").gauge().value()).isEqualTo(2.0);
      RelayStats stats = relay.stats();
      assertThat(stats).isEqualTo(new RelayStats(2, 0, 0, 0, stats.oldestPendingAge()));
      assertThat(stats.oldestPendingAge()).isNotEqualTo(Optional.empty());
      assertThat(registry.get("calm.relay.oldest.pending").timeGauge().value(TimeUnit.SECONDS)).isZero();

      clock.advance(Duration.ofSeconds(90));
      nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
      assertThat(registry.get("calm.relay.oldest.pending").timeGauge().value(TimeUnit.SECONDS)).isEqualTo(90.0);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnDataSource {
    @Bean
    DataSource dataSource(@org.springframework.beans.factory.annotation.Value("${test.dir}") String dir) {
      SQLiteDataSource ds = new SQLiteDataSource();
      ds.setUrl("jdbc:sqlite:" + Path.of(dir).resolve("app.db"));
      return ds;
    }
  }

  static DataSource sqlite(String dir, String file) {
    SQLiteDataSource ds = new SQLiteDataSource();
    ds.setUrl("jdbc:sqlite:" + Path.of(dir).resolve(file));
    return ds;
  }

  @Configuration(proxyBeanMethods = false)
  static class TwoDataSources {
    @Bean
    DataSource one(@org.springframework.beans.factory.annotation.Value("${test.dir}") String dir) {
      return sqlite(dir, "one.db");
    }

    @Bean
    DataSource two(@org.springframework.beans.factory.annotation.Value("${test.dir}") String dir) {
      return sqlite(dir, "two.db");
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class TwoDataSourcesOnePrimary {
    @Bean
    DataSource one(@org.springframework.beans.factory.annotation.Value("${test.dir}") String dir) {
      return sqlite(dir, "one.db");
    }

    @Bean
    @org.springframework.context.annotation.Primary
    DataSource two(@org.springframework.beans.factory.annotation.Value("${test.dir}") String dir) {
      return sqlite(dir, "two.db");
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class UnreachableDataSource {
    @Bean
    DataSource dataSource() {
      return (DataSource) java.lang.reflect.Proxy.newProxyInstance(DataSource.class.getClassLoader(),
          new Class<?>[] {DataSource.class}, (p, m, args) -> {
            if (m.getName().equals("getConnection")) {
              throw new java.sql.SQLException("Connection refused: db:5432", "08001");
            }
            return null;
          });
    }
  }

  /** A SQLite DataSource that, once broken, fails with an unchecked exception the relay does not expect. */
  static class BreakableDataSource extends SQLiteDataSource {
    final AtomicBoolean broken = new AtomicBoolean();
    final CountDownLatch thrown = new CountDownLatch(1);

    BreakableDataSource(@org.springframework.beans.factory.annotation.Value("${test.dir}") String dir) {
      setUrl("jdbc:sqlite:" + Path.of(dir).resolve("app.db"));
    }

    @Override
    public java.sql.Connection getConnection() throws java.sql.SQLException {
      if (broken.get()) {
        thrown.countDown();
        throw new IllegalStateException("the pool is closed");
      }
      return super.getConnection();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnLifecycle {
    final SmartLifecycle own = new SmartLifecycle() {
      @Override
      public void start() {}

      @Override
      public void stop() {}

      @Override
      public boolean isRunning() {
        return false;
      }
    };

    @Bean
    SmartLifecycle calmRelayLifecycle() {
      return own;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OracleDataSource {
    @Bean
    DataSource dataSource() {
      java.sql.DatabaseMetaData md = proxy(java.sql.DatabaseMetaData.class, "getDatabaseProductName", "Oracle");
      java.sql.Connection c = proxy(java.sql.Connection.class, "getMetaData", md);
      return proxy(DataSource.class, "getConnection", c);
    }

    private static <T> T proxy(Class<T> type, String method, Object answer) {
      return type.cast(java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
          (p, m, args) -> m.getName().equals(method) ? answer : null));
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnRelay {
    @Bean
    Relay ownRelay(io.github.calmsdk.client.CalmClient calm, RelayStore store) {
      return Relay.builder().client(calm).store(store).options(RelayOptions.builder().owner("own-relay").build()).build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class CreateLatch {
    final CountDownLatch created = new CountDownLatch(1);

    @Bean
    CalmListener createListener() {
      return new CalmListener() {
        @Override
        public void callEnded(CallEnded event) {
          if ("relay.export".equals(event.call().operation()) && event.failure() == null) {
            created.countDown();
          }
        }
      };
    }
  }
}

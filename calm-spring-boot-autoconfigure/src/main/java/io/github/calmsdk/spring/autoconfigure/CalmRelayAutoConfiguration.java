package io.github.calmsdk.spring.autoconfigure;

import io.github.calmsdk.client.CalmClient;
import io.github.calmsdk.relay.Relay;
import io.github.calmsdk.relay.RelayOptions;
import io.github.calmsdk.relay.RelayStore;
import io.github.calmsdk.relay.RelayStoreException;
import io.github.calmsdk.spring.autoconfigure.internal.RelayLifecycle;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;

/**
 * Runs the relay of calm-sdk-relay with the application when it is on the class path and
 * {@code calm.relay.enabled=true}: a {@link RelayStore} (the application's {@link DataSource}, else the SQLite file
 * or PostgreSQL URL of {@code calm.relay.store}, default {@code calm-relay.db}), a {@link Relay} on the
 * {@link CalmClient}, and a {@link org.springframework.context.SmartLifecycle} that runs {@link Relay#run()} on a
 * thread of its own from context start to context close. Each bean backs off when the application defines one (the
 * lifecycle by its name, {@code calmRelayLifecycle}). Give {@code spring.lifecycle.timeout-per-shutdown-phase} at
 * least {@code calm.call-timeout}, so a pass in flight at shutdown can finish its step before the client closes.
 *
 * <pre>{@code
 * @Service
 * class Exports {
 *   private final Relay relay;
 *   Exports(Relay relay) { this.relay = relay; }
 *   long export(Path mtar) {
 *     return relay.submit(ExportRequest.builder().node("DEV").file(mtar).contentType(ContentType.MTA)
 *         .description("App 1.2").build());
 *   }
 * }
 * }</pre>
 */
@AutoConfiguration(
    after = CalmAutoConfiguration.class,
    afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass({CalmClient.class, Relay.class})
@ConditionalOnProperty(prefix = "calm.relay", name = "enabled", havingValue = "true")
@ConditionalOnBean(CalmClient.class)
public class CalmRelayAutoConfiguration {
  /** The lifecycle bean's name; the health indicator finds the relay's state by it. */
  static final String LIFECYCLE = "calmRelayLifecycle";

  /** Created by Spring. */
  public CalmRelayAutoConfiguration() {}

  /**
   * The store: {@code calm.relay.store} when set, else the application's only or {@code @Primary} DataSource, else
   * (when the application has no DataSource at all) the SQLite file {@code calm-relay.db} in the working directory.
   *
   * @param properties the {@code calm.*} properties
   * @param dataSources the application's data sources
   * @return the store, closed with the context
   * @throws RelayStoreException when the store cannot be opened, such as when the application's DataSource cannot
   *     connect (unchanged: the database is unreachable, the setting is not wrong)
   * @throws InvalidCalmPropertyException when {@code calm.relay.store} names an unsupported database, or is unset
   *     and the application's DataSource is neither PostgreSQL nor SQLite, or is unset and the application has
   *     several DataSources, none {@code @Primary}
   */
  @Bean
  @ConditionalOnMissingBean
  public RelayStore calmRelayStore(CalmProperties properties, ObjectProvider<DataSource> dataSources) {
    String location = properties.getRelay().getStore();
    if (location != null && !location.isBlank()) {
      return open(location.strip());
    }
    DataSource dataSource = dataSources.getIfUnique();
    if (dataSource == null) {
      if (dataSources.stream().findAny().isPresent()) {
        // a file in the working directory would silently take the place of the database the user meant
        throw new InvalidCalmPropertyException("calm.relay.store",
            "is unset and the application has several DataSources, none of them @Primary, so the relay cannot tell"
                + " which to use; set calm.relay.store or mark one DataSource @Primary", null);
      }
      return open("calm-relay.db");
    }
    try {
      return RelayStore.of(dataSource);
    } catch (RelayStoreException e) {
      if (!unsupportedDatabase(e)) {
        // unreachable (the driver's exception is the cause), a newer schema, a failed migration: not a wrong setting
        throw e;
      }
      throw new InvalidCalmPropertyException("calm.relay.store",
          "is unset, so the relay uses the application's DataSource, which it cannot use: " + e.getMessage()
              + "; set calm.relay.store to a SQLite file path or a jdbc:postgresql:// URL", e);
    }
  }

  // RelayStore.of's refusal of a database product it has no dialect for: the only failure calm.relay.store fixes
  private static boolean unsupportedDatabase(RelayStoreException e) {
    return e.getCause() == null && String.valueOf(e.getMessage()).contains("the relay supports PostgreSQL and SQLite");
  }

  private static RelayStore open(String location) {
    try {
      return RelayStore.open(location);
    } catch (io.github.calmsdk.core.error.CalmValidationException e) {
      throw new InvalidCalmPropertyException("calm.relay.store",
          "is a JDBC URL of a database the relay does not support; use jdbc:postgresql://... or a SQLite file path", e);
    }
  }

  /**
   * The relay.
   *
   * @param client the client that sends the entries
   * @param store the store
   * @param properties the {@code calm.*} properties
   * @return the relay, stopped with the context
   * @throws InvalidCalmPropertyException when a {@code calm.relay.*} property is out of range
   */
  @Bean
  @ConditionalOnMissingBean
  public Relay calmRelay(CalmClient client, RelayStore store, CalmProperties properties) {
    return Relay.builder().client(client).store(store).options(options(properties.getRelay())).build();
  }

  private static RelayOptions options(CalmProperties.Relay r) {
    try {
      RelayOptions.Builder b = RelayOptions.builder()
          .interval(r.getInterval())
          .packageSize(r.getPackageSize())
          .sendAtOnce(r.isSendAtOnce())
          .maxAttempts(r.getMaxAttempts())
          .maxAge(r.getMaxAge());
      if (r.getSpoolDirectory() != null) {
        b.spoolDirectory(r.getSpoolDirectory());
      }
      return b.build();
    } catch (io.github.calmsdk.core.error.CalmValidationException e) {
      String problem = e.getMessage().startsWith(e.field() + ": ")
          ? e.getMessage().substring(e.field().length() + 2)
          : e.getMessage();
      throw new InvalidCalmPropertyException("calm.relay." + kebab(e.field()), problem, e);
    }
  }

  private static String kebab(String field) {
    return field.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Runs the relay from context start to context close.
   *
   * @param relay the relay
   * @return the lifecycle, named {@code calmRelayLifecycle}
   */
  @Bean(LIFECYCLE)
  @ConditionalOnMissingBean(name = LIFECYCLE)
  public SmartLifecycle calmRelayLifecycle(Relay relay) {
    return new RelayLifecycle(relay);
  }
}

package io.github.calmsdk.examples.spring;

import io.github.calmsdk.testkit.FakeCalm;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts a fake Cloud ALM (calm-sdk-testkit) when {@code calm.service-key} is not configured, points
 * {@code calm.service-key} at it, and closes it with the context. With a key configured it does nothing, so the
 * same application runs against a real tenant.
 *
 * <pre>{@code
 * SpringApplication app = new SpringApplication(CalmExampleApplication.class);
 * app.addInitializers(new FakeCalmInitializer());
 * }</pre>
 */
public final class FakeCalmInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
  private static final Logger LOG = LoggerFactory.getLogger(FakeCalmInitializer.class);

  /** Creates the initializer. */
  public FakeCalmInitializer() {}

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    ConfigurableEnvironment env = context.getEnvironment();
    String key = env.getProperty("calm.service-key");
    if (key != null && !key.isBlank()) {
      return;
    }
    FakeCalm fake = FakeCalm.builder().importPollsUntilDone(0).start();
    env.getPropertySources().addFirst(
        new MapPropertySource("fakeCalm", Map.of("calm.service-key", fake.serviceKeyJson())));
    context.getBeanFactory().registerSingleton("fakeCalm", fake);
    if (context.getBeanFactory() instanceof DefaultSingletonBeanRegistry registry) {
      // registered before every other bean, so destroyed after them: the relay's last pass still reaches it
      registry.registerDisposableBean("fakeCalm", fake::close);
    } else {
      context.addApplicationListener(event -> {
        if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
          fake.close();
        }
      });
    }
    LOG.info("No calm.service-key configured: using a fake Cloud ALM at {}", fake.baseUri());
  }
}

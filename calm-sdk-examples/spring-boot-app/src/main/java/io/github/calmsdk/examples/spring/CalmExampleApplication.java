package io.github.calmsdk.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application on the calm starter: {@code GET /nodes} lists the transport nodes through the
 * auto-configured {@link io.github.calmsdk.client.CalmClient}, {@code POST /exports} hands a file to the relay, and
 * Actuator shows the {@code calm} health component and the {@code calm.*} meters. Without {@code calm.service-key} it
 * starts a fake Cloud ALM of calm-sdk-testkit and uses that ({@link FakeCalmInitializer}).
 *
 * <pre>{@code
 * java -jar calm-sdk-examples/spring-boot-app/target/calm-sdk-example-spring-boot.jar
 * curl localhost:8080/nodes
 * curl localhost:8080/actuator/health
 * CALM_SERVICEKEY=~/calm-key.json java -jar calm-sdk-example-spring-boot.jar   # a real tenant
 * }</pre>
 */
@SpringBootApplication
public class CalmExampleApplication {
  /** Created by Spring. */
  public CalmExampleApplication() {}

  /**
   * The application, with the fake's initializer; the test starts it the same way.
   *
   * @return the application, not yet run
   */
  public static SpringApplication application() {
    SpringApplication app = new SpringApplication(CalmExampleApplication.class);
    app.addInitializers(new FakeCalmInitializer());
    return app;
  }

  /**
   * Runs the application.
   *
   * @param args Spring Boot's arguments, such as {@code --server.port=9090}
   */
  public static void main(String[] args) {
    application().run(args);
  }
}

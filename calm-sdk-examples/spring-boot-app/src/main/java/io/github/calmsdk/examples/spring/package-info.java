/**
 * A Spring Boot application on calm-spring-boot-starter, runnable against the testkit's fake Cloud ALM.
 *
 * <pre>{@code
 * java -jar calm-sdk-examples/spring-boot-app/target/calm-sdk-example-spring-boot.jar
 * }</pre>
 */
package io.github.calmsdk.examples.spring;

package io.github.calmsdk.examples;

import io.github.calmsdk.auth.ServiceKey;
import io.github.calmsdk.client.CalmClient;
import io.github.calmsdk.features.Feature;
import io.github.calmsdk.features.FeatureQuery;
import io.github.calmsdk.features.FeatureStatus;
import io.github.calmsdk.features.FeaturesClient;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;

/**
 * Lists the features of a project, and optionally moves one to a status given by its name. Status codes are the
 * tenant's: they are read from the Features API, never hard-coded.
 *
 * <pre>
 * CALM_SERVICE_KEY=key.json java -cp calm.jar io.github.calmsdk.examples.ManageFeatures PROJECT-ID
 * CALM_SERVICE_KEY=key.json java -cp calm.jar io.github.calmsdk.examples.ManageFeatures PROJECT-ID 6-123 "In Testing"
 * </pre>
 */
public final class ManageFeatures {
  private ManageFeatures() {}

  /**
   * Runs the example.
   *
   * @param args the project id, and optionally a feature's display id and a status name
   */
  public static void main(String[] args) {
    if (args.length != 1 && args.length != 3) {
      System.err.println("usage: ManageFeatures PROJECT-ID [DISPLAY-ID STATUS-NAME]");
      System.exit(2);
    }
    try (CalmClient calm = CalmClient.create(ServiceKey.fromEnvironment("CALM_SERVICE_KEY"))) {
      list(calm.features(), args[0]).forEach(
          f -> System.out.println(f.displayId() + "  " + f.statusCode() + "  " + f.title()));
      if (args.length == 3) {
        Feature changed = setStatusByName(calm.features(), args[0], args[1], args[2]);
        System.out.println(changed.displayId() + " is now " + changed.statusCode());
      }
    }
  }

  /**
   * The features of a project.
   *
   * @param features the Features API
   * @param projectId the project
   * @return the features
   */
  public static List<Feature> list(FeaturesClient features, String projectId) {
    return features.list(FeatureQuery.forProject(projectId)).stream().collect(Collectors.toList());
  }

  /**
   * Moves a feature to the status with the given name, such as "In Testing".
   *
   * @param features the Features API
   * @param projectId the feature's project
   * @param displayId the feature's display id, such as {@code 6-123}
   * @param statusName the status's name as the tenant shows it
   * @return the feature as changed
   * @throws NoSuchElementException when there is no such feature or status
   */
  public static Feature setStatusByName(
      FeaturesClient features, String projectId, String displayId, String statusName) {
    Feature feature = features.getByDisplayId(projectId, displayId)
        .orElseThrow(() -> new NoSuchElementException("no feature " + displayId + " in project " + projectId));
    String code = features.statuses().stream()
        .filter(s -> s.name().equalsIgnoreCase(statusName))
        .map(FeatureStatus::code)
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException("no status named '" + statusName + "'"));
    return features.setStatus(feature.uuid(), code);
  }
}

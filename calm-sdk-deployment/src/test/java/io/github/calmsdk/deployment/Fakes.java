package io.github.calmsdk.deployment;

import io.github.calmsdk.core.ClientContext;
import io.github.calmsdk.testkit.FakeCalm;

/** A deployment client on a {@link FakeCalm}, authorized with a token the fake issued directly. */
final class Fakes {
  private Fakes() {}

  static DeploymentClient client(FakeCalm fake, DeploymentOptions options) {
    String token = fake.accessToken();
    ClientContext context =
        ClientContext.builder()
            .authorization(
                (request, call, next) ->
                    next.proceed(request.toBuilder().setHeader("Authorization", "Bearer " + token).build()))
            .build();
    return DeploymentClient.create(context, fake.apiUri(), options);
  }

  static DeploymentClient client(FakeCalm fake) {
    return client(fake, DeploymentOptions.defaults());
  }
}

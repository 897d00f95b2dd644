/**
 * Service keys ({@link io.github.calmsdk.auth.ServiceKey}), credentials that get and cache access tokens ({@link
 * io.github.calmsdk.auth.CalmCredentials}), the tokens themselves ({@link io.github.calmsdk.auth.AccessToken}) and a
 * token cache that several clients may share ({@link io.github.calmsdk.auth.TokenCache}).
 *
 * <pre>{@code
 * ServiceKey key = ServiceKey.fromFile(Path.of("calm-key.json"));
 * CalmCredentials creds = CalmCredentials.builder(key).httpClient(sharedHttpClient).build();
 * HttpPipeline api = ClientContext.builder().httpClient(sharedHttpClient).authorization(creds.bearerStage()).build().pipeline();
 * }</pre>
 */
package io.github.calmsdk.auth;

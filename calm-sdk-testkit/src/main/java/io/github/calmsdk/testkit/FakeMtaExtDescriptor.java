package io.github.calmsdk.testkit;

import java.time.Instant;

/**
 * A snapshot of one MTA extension descriptor stored on a node ({@code /v2/nodes/{id}/mtaExtDescriptors}).
 *
 * <pre>{@code
 * FakeMtaExtDescriptor d = fake.mtaExtDescriptors("QAS").get(0);
 * assertThat(d.mtaId()).isEqualTo("com.example.app");
 * assertThat(d.content()).contains("extends: com.example.app");
 * }</pre>
 *
 * @param id the descriptor id
 * @param nodeId the node it is stored on
 * @param mtaId the MTA it extends (the file's top-level {@code extends})
 * @param mtaExtId the descriptor's own id (the file's top-level {@code ID})
 * @param mtaVersion the {@code mtaVersion} form field, {@code *} when absent
 * @param description the {@code description} form field, or null
 * @param namedUser the {@code tms-named-user} header, or null
 * @param content the file's text (UTF-8)
 * @param lastChangedAt when it was last uploaded, on the fake's clock
 */
public record FakeMtaExtDescriptor(
    long id,
    long nodeId,
    String mtaId,
    String mtaExtId,
    String mtaVersion,
    String description,
    String namedUser,
    String content,
    Instant lastChangedAt) {}

package io.github.calmsdk.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.calmsdk.core.error.CalmValidationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The request types agree: the same typed node and any collection of ids work everywhere. */
class RequestTypesTest {
  @TempDir Path dir;

  private static final TransportRequestId A = TransportRequestId.of(1);
  private static final TransportRequestId B = TransportRequestId.of(2);

  @Test
  void anExportTakesTheSameTypedNodeNameAsImportAndRetry() throws IOException {
    Path mtar = Files.write(dir.resolve("app.mtar"), new byte[] {1});
    NodeName dev = NodeName.of("DEV_NODE");

    ExportRequest typed =
        ExportRequest.builder().node(dev).file(mtar).contentType(ContentType.MTA).description("R").build();
    ExportRequest text =
        ExportRequest.builder().node("DEV_NODE").file(mtar).contentType(ContentType.MTA).description("R").build();

    assertThat(typed.node()).isEqualTo(dev).isEqualTo(text.node());
    assertThat(ImportRequest.of(dev, A).node()).isEqualTo(dev);
    assertThat(RetryRequest.of(dev, A).node()).isEqualTo(dev);
  }

  @Test
  void importRetryAndTransitionAllTakeAnyCollectionKeepingOrderWithoutDuplicates() {
    Collection<TransportRequestId> ids = new LinkedHashSet<>(List.of(B, A));
    Collection<TransportRequestId> withDuplicate = new ArrayList<>(List.of(B, A, B));

    assertThat(ImportRequest.of(NodeId.of(2), ids).transportRequests()).containsExactly(B, A);
    assertThat(RetryRequest.of(NodeId.of(2), ids).transportRequests()).containsExactly(B, A);
    assertThat(TransitionRequest.of(NodeId.of(2), ids).transportRequests()).containsExactly(B, A);
    assertThat(RetryRequest.of(NodeId.of(2), withDuplicate).transportRequests()).containsExactly(B, A);
    assertThat(TransitionRequest.of(NodeId.of(2), withDuplicate).transportRequests()).containsExactly(B, A);
  }

  @Test
  void aCollectionHoldingNullIsRefusedNamingTheField() {
    Collection<TransportRequestId> withNull = Arrays.asList(A, null);

    assertThatThrownBy(() -> RetryRequest.of(NodeId.of(2), withNull))
        .isInstanceOfSatisfying(
            CalmValidationException.class, e -> assertThat(e.field()).isEqualTo("transportRequests"));
    assertThatThrownBy(() -> TransitionRequest.of(NodeId.of(2), (Collection<TransportRequestId>) null))
        .isInstanceOfSatisfying(
            CalmValidationException.class, e -> assertThat(e.field()).isEqualTo("transportRequests"));
  }
}

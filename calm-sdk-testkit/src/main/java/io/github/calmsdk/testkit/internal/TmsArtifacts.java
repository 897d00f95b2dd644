package io.github.calmsdk.testkit.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.calmsdk.testkit.UploadedFile;
import io.github.calmsdk.testkit.internal.TmsStore.Descriptor;
import io.github.calmsdk.testkit.internal.TmsStore.Entry;
import io.github.calmsdk.testkit.internal.TmsStore.Tr;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The multipart endpoints of the transport-management API and their records: uploaded files
 * ({@code /v2/files/...}) and MTA extension descriptors ({@code /v2/nodes/{id}/mtaExtDescriptors}).
 */
final class TmsArtifacts {
  private static final int HEAD_BYTES = 1024;
  private static final int MAX_DESCRIPTOR = 1024 * 1024;

  private final TmsStore store;
  private final TmsJson out;

  TmsArtifacts(TmsStore store, TmsJson out) {
    this.store = store;
    this.out = out;
  }

  HttpResp upload(Req req) throws IOException {
    MessageDigest sha = sha256();
    long[] size = {-1};
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    String[] fileMeta = new String[2];
    Map<String, String> fields = MultipartForm.read(req, (part, in) -> {
      fileMeta[0] = part.filename();
      fileMeta[1] = part.contentType();
      byte[] chunk = new byte[64 * 1024];
      long total = 0;
      for (int n; (n = in.read(chunk)) >= 0; ) {
        sha.update(chunk, 0, n);
        if (head.size() < HEAD_BYTES) {
          head.write(chunk, 0, Math.min(n, HEAD_BYTES - head.size()));
        }
        total += n;
      }
      size[0] = total;
    });
    if (size[0] < 0) {
      throw TmsErrors.badRequest("Required request part 'file' is not present");
    }
    String namedUser = fields.get("namedUser");
    TmsInput.checkLength("namedUser", namedUser, 60);
    long fileId = store.newFileId();
    UploadedFile file = new UploadedFile(fileId, fileMeta[0], fileMeta[1], size[0],
        HexFormat.of().formatHex(sha.digest()), head.toByteArray(), namedUser, store.now());
    store.locked(() -> store.files.put(fileId, file));
    ObjectNode o = out.object();
    o.put("fileId", fileId);
    o.put("fileName", fileMeta[0]);
    return HttpResp.json(201, o.toString());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  HttpResp deleteFile(long fileId) {
    return store.locked(() -> {
      if (!store.files.containsKey(fileId)) {
        throw TmsErrors.notFound("File ID " + fileId + " does not exist");
      }
      for (Tr tr : store.trs.values()) {
        if (tr.storageType.equals("FILE")) {
          for (Entry e : tr.entries) {
            if (e.uri().equals(Long.toString(fileId))) {
              throw TmsErrors.unprocessable(
                  "File ID " + fileId + " is used by transport request " + tr.id + " and cannot be deleted");
            }
          }
        }
      }
      store.deletedFiles.put(fileId, store.files.remove(fileId));
      return HttpResp.noContent();
    });
  }

  HttpResp listDescriptors(Req req, long nodeId) {
    String mtaId = req.param("mtaId");
    String mtaVersion = req.param("mtaVersion");
    return store.locked(() -> {
      store.requireNode(nodeId);
      ObjectNode o = out.object();
      ArrayNode arr = o.putArray("mtaExtDescriptors");
      for (Descriptor d : store.descriptors.values()) {
        if (d.nodeId() == nodeId
            && (mtaId == null || mtaId.equals(d.mtaId()))
            && (mtaVersion == null || mtaVersion.equals(d.mtaVersion()))) {
          arr.add(out.descriptor(d));
        }
      }
      return TmsJson.ok(o);
    });
  }

  /** POST (descriptorId null, 201) or PUT (200) of a descriptor. */
  HttpResp putDescriptor(Req req, long nodeId, Long descriptorId) throws IOException {
    store.locked(() -> {
      store.requireNode(nodeId);
      if (descriptorId != null) {
        requireDescriptor(nodeId, descriptorId);
      }
      return null;
    });
    byte[][] content = {null};
    Map<String, String> fields = MultipartForm.read(req, (part, in) -> {
      content[0] = in.readNBytes(MAX_DESCRIPTOR + 1);
      in.transferTo(OutputStream.nullOutputStream());
    });
    if (content[0] == null) {
      throw TmsErrors.badRequest("Required request part 'file' is not present");
    }
    if (content[0].length > MAX_DESCRIPTOR) {
      throw TmsErrors.badRequest("The MTA extension descriptor is larger than 1 MiB");
    }
    String text = new String(content[0], StandardCharsets.UTF_8);
    String mtaExtId = yamlTopLevel(text, "ID");
    String mtaId = yamlTopLevel(text, "extends");
    if (mtaExtId == null || mtaId == null) {
      throw TmsErrors.badRequest("The MTA extension descriptor needs top-level ID and extends");
    }
    String mtaVersion = fields.getOrDefault("mtaVersion", "*");
    String description = fields.get("description");
    TmsInput.checkLength("description", description, 512);
    TmsInput.checkLength("tms-named-user", req.header("tms-named-user"), 60);
    return store.locked(() -> {
      store.requireNode(nodeId);
      for (Descriptor d : store.descriptors.values()) {
        if (d.nodeId() == nodeId && d.mtaId().equals(mtaId) && d.mtaVersion().equals(mtaVersion)
            && (descriptorId == null || d.id() != descriptorId)) {
          throw TmsErrors.badRequest("An MTA extension descriptor for " + mtaId + " version " + mtaVersion
              + " already exists on this node");
        }
      }
      long id = descriptorId != null ? descriptorId : store.newDescriptorId();
      Descriptor d = new Descriptor(id, nodeId, description, mtaId, mtaExtId, mtaVersion,
          req.header("tms-named-user"), text, store.now());
      store.descriptors.put(id, d);
      return HttpResp.json(descriptorId == null ? 201 : 200, out.descriptor(d).toString());
    });
  }

  HttpResp getDescriptor(long nodeId, long descriptorId) {
    return store.locked(() -> {
      store.requireNode(nodeId);
      return TmsJson.ok(out.descriptor(requireDescriptor(nodeId, descriptorId)));
    });
  }

  /** Not in the public spec or Piper; the fake answers 204 like the other deletes. */
  HttpResp deleteDescriptor(long nodeId, long descriptorId) {
    return store.locked(() -> {
      store.requireNode(nodeId);
      store.descriptors.remove(requireDescriptor(nodeId, descriptorId).id());
      return HttpResp.noContent();
    });
  }

  private Descriptor requireDescriptor(long nodeId, long descriptorId) {
    Descriptor d = store.descriptors.get(descriptorId);
    if (d == null || d.nodeId() != nodeId) {
      throw TmsErrors.notFound("MTA extension descriptor ID " + descriptorId + " does not exist");
    }
    return d;
  }

  private static String yamlTopLevel(String yaml, String key) {
    for (String line : yaml.split("\\R")) {
      if (line.startsWith(key + ":")) {
        String v = line.substring(key.length() + 1).trim();
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
          v = v.substring(1, v.length() - 1);
        }
        return v.isEmpty() ? null : v;
      }
    }
    return null;
  }
}

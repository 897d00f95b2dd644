package io.github.calmsdk.relay.internal;

/**
 * A step update found the entry no longer claimed by this node with this version: another node took it over after
 * this node's lease expired. The node drops the entry without writing anything.
 */
public final class StoreFencedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  StoreFencedException(long id, String owner, long version) {
    super("entry " + id + " is no longer claimed by " + owner + " at version " + version
        + "; another relay node took it over after this node's lease expired");
  }
}

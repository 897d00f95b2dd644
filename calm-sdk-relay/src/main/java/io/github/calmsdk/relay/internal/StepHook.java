package io.github.calmsdk.relay.internal;

/** Seams between the steps, for tests that kill the process there. Does nothing by default. */
public interface StepHook {
  /** The points between steps. */
  enum Point {
    /** A file is about to be uploaded. */
    BEFORE_UPLOAD,
    /** All files are uploaded and their ids persisted; the create call is next. */
    BEFORE_CREATE,
    /** The create call answered; its transport request id is not persisted yet. */
    AFTER_CREATE_ANSWER,
    /** The import or retry call is next. */
    BEFORE_START,
    /** The import or retry call answered; its action id is not persisted yet. */
    AFTER_START_ANSWER
  }

  /** Called at a point, for an entry. */
  void at(Point point, long entryId);

  /** The hook that does nothing. */
  static StepHook none() {
    return (p, id) -> {};
  }
}

package io.github.calmsdk.cli;

/**
 * One line of the doctor's checklist.
 *
 * @param name what was checked, such as "token"
 * @param result OK, WARN, INFO, FAIL or SKIP
 * @param detail what was found
 * @param fix what to do, or null
 * @param exitCode the exit code this line asks for: 0 unless it failed
 */
record Check(String name, Result result, String detail, String fix, int exitCode) {
  /** The result of a check. */
  enum Result {
    /** Passed. */
    OK,
    /** Passed, with something worth fixing that did not stop it (the exit code is unaffected); see the fix. */
    WARN,
    /** Information, such as an API that is not configured; the exit code is unaffected. */
    INFO,
    /** Failed; see the fix. */
    FAIL,
    /** Not run, because an earlier check failed. */
    SKIP
  }

  static Check ok(String name, String detail) {
    return new Check(name, Result.OK, detail, null, ExitCode.OK.code);
  }

  static Check warn(String name, String detail, String fix) {
    return new Check(name, Result.WARN, detail, fix, ExitCode.OK.code);
  }

  static Check info(String name, String detail) {
    return new Check(name, Result.INFO, detail, null, ExitCode.OK.code);
  }

  static Check fail(String name, String detail, String fix, ExitCode code) {
    return new Check(name, Result.FAIL, detail, fix, code.code);
  }

  static Check skip(String name, String why) {
    return new Check(name, Result.SKIP, why, null, ExitCode.OK.code);
  }
}

package io.github.calmsdk.micrometer.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * The calls open on each thread, innermost last. The SDK reports a call's start, attempts, retries and end on the
 * calling thread, and a call made during another (a token fetch in the authorization stage, a state read while an
 * ambiguous outcome is settled) starts and ends within it, so a per-thread stack holds them in order. One instance
 * per listener; a thread's entry is removed once its stack is empty.
 *
 * @param <T> what is kept per call
 */
public final class OpenCalls<T> {
  private final ThreadLocal<ArrayDeque<T>> open = new ThreadLocal<>();
  private final Function<T, String> requestId;

  /**
   * Creates an empty set.
   *
   * @param requestId reads the request id of an entry
   */
  public OpenCalls(Function<T, String> requestId) {
    this.requestId = requestId;
  }

  /**
   * Adds a call that started on this thread.
   *
   * @param call the call
   */
  public void push(T call) {
    ArrayDeque<T> stack = open.get();
    if (stack == null) {
      stack = new ArrayDeque<>();
      open.set(stack);
    }
    stack.addLast(call);
  }

  /**
   * The open call with this request id on this thread.
   *
   * @param id the request id
   * @return the call, or null when none is open here
   */
  public T find(String id) {
    ArrayDeque<T> stack = open.get();
    if (stack == null) {
      return null;
    }
    for (Iterator<T> it = stack.descendingIterator(); it.hasNext(); ) {
      T c = it.next();
      if (requestId.apply(c).equals(id)) {
        return c;
      }
    }
    return null;
  }

  /**
   * Removes the call with this request id and every call opened after it on this thread (those never reported
   * their end, so they are closed now rather than left open for good).
   *
   * @param id the request id
   * @return the removed calls, innermost first, the one asked for last; empty when none is open here
   */
  public List<T> removeThrough(String id) {
    ArrayDeque<T> stack = open.get();
    if (stack == null || find(id) == null) {
      return List.of();
    }
    List<T> removed = new ArrayList<>();
    while (!stack.isEmpty()) {
      T c = stack.removeLast();
      removed.add(c);
      if (requestId.apply(c).equals(id)) {
        break;
      }
    }
    if (stack.isEmpty()) {
      open.remove();
    }
    return removed;
  }
}

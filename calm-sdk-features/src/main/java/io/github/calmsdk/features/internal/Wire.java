package io.github.calmsdk.features.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;

/**
 * The JSON shapes of the Features API that are not public types: the OData envelopes around the entities. Every
 * member may be missing; {@link Mapping} says what a missing one means. The entities themselves ({@code Feature},
 * {@code Transport}, ...) are public records that read leniently on their own (unknown members kept, text read from
 * any JSON value where the API's type varies), so they are decoded as they stand, not copied from a wire twin.
 */
public final class Wire {
  private Wire() {}

  /**
   * An OData collection answer: {@code {"@odata.context", "value":[...], "@odata.count"?, "@odata.nextLink"?}}.
   *
   * @param value the entities, or null when the answer had no {@code value}
   * @param count the total count, when asked for with {@code $count=true}
   * @param nextLink the server's link to the next page, or null
   * @param <T> the entity type
   */
  public record Collection<T>(
      List<T> value,
      @JsonProperty("@odata.count") Long count,
      @JsonProperty("@odata.nextLink") String nextLink) {}

  /**
   * The count of a {@code $count=true&$top=0} answer.
   *
   * @param count the total, or null when the server sent none
   */
  public record Count(@JsonProperty("@odata.count") Long count) {}

  /**
   * The reflective type of a collection of an entity class, for the codec.
   *
   * @param element the entity class
   * @return the type {@code Collection<element>}
   */
  public static Type collectionOf(Class<?> element) {
    return new CollectionType(element);
  }

  private static final class CollectionType implements ParameterizedType {
    private final Type[] args;

    CollectionType(Class<?> element) {
      this.args = new Type[] {element};
    }

    @Override
    public Type[] getActualTypeArguments() {
      return args.clone();
    }

    @Override
    public Type getRawType() {
      return Collection.class;
    }

    @Override
    public Type getOwnerType() {
      return Wire.class;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ParameterizedType
          && ((ParameterizedType) o).getRawType() == Collection.class
          && Arrays.equals(((ParameterizedType) o).getActualTypeArguments(), args);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(args) ^ Collection.class.hashCode();
    }

    @Override
    public String toString() {
      return Collection.class.getName() + "<" + args[0].getTypeName() + ">";
    }
  }
}

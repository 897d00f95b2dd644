package io.github.calmsdk.features.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;

/**
 * An OData collection answer: {@code {"@odata.context", "value":[...], "@odata.count"?, "@odata.nextLink"?}}.
 *
 * @param value the entities, or null when the answer had no {@code value}
 * @param count the total count, when asked for with {@code $count=true}
 * @param nextLink the server's link to the next page, or null
 * @param <T> the entity type
 */
public record ODataCollection<T>(
    List<T> value,
    @JsonProperty("@odata.count") Long count,
    @JsonProperty("@odata.nextLink") String nextLink) {

  /**
   * The reflective type of a collection of an entity class, for the codec.
   *
   * @param element the entity class
   * @return the type {@code ODataCollection<element>}
   */
  public static Type of(Class<?> element) {
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
      return ODataCollection.class;
    }

    @Override
    public Type getOwnerType() {
      return null;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ParameterizedType
          && ((ParameterizedType) o).getRawType() == ODataCollection.class
          && ((ParameterizedType) o).getOwnerType() == null
          && Arrays.equals(((ParameterizedType) o).getActualTypeArguments(), args);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(args) ^ ODataCollection.class.hashCode();
    }

    @Override
    public String toString() {
      return ODataCollection.class.getName() + "<" + args[0].getTypeName() + ">";
    }
  }
}

package io.dutyroom.adapters.mqtt;

import io.dutyroom.adapters.model.Rejection;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of decoding one payload: the item, when anything of it was good, and the rejections of
 * what was not. A message can be partly good: one value of the wrong type does not discard the rest.
 */
public record Decoded<T>(Optional<T> item, List<Rejection> rejections) {

    public Decoded {
        rejections = List.copyOf(rejections);
    }

    static <T> Decoded<T> of(T item, List<Rejection> rejections) {
        return new Decoded<>(Optional.of(item), rejections);
    }

    static <T> Decoded<T> rejected(Rejection rejection) {
        return new Decoded<>(Optional.empty(), List.of(rejection));
    }
}

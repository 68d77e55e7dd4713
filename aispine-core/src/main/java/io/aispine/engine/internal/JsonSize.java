package io.aispine.engine.internal;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The size of a value as compact UTF-8 JSON, found by serialising it into a counter that keeps no
 * bytes and gives up past a bound: measuring a value of two billion elements costs as much as
 * measuring one just over the bound, and memory stays at one small buffer.
 *
 * @param bytes the size, or the bound when the value is larger ({@code complete} false)
 * @param complete true when the whole value was measured
 * @param problem why the value cannot be JSON at all (a type JSON cannot hold, nesting too deep),
 *     or null
 */
public record JsonSize(long bytes, boolean complete, String problem) {

  /**
   * Serialises as the store's JSON codec does (same visibility, same time format), so that the size
   * measured is the size written.
   */
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .visibility(PropertyAccessor.ALL, Visibility.NONE)
          .visibility(PropertyAccessor.FIELD, Visibility.ANY)
          .build();

  /** Measures {@code value}, giving up once it is larger than {@code upTo} bytes. */
  public static JsonSize of(Object value, long upTo) {
    var counter = new Counter(upTo);
    try {
      MAPPER.writeValue(counter, value);
      return new JsonSize(counter.count, true, null);
    } catch (IOException e) {
      if (counter.passed) {
        return new JsonSize(upTo, false, null);
      }
      String reason =
          e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
      return new JsonSize(counter.count, false, reason);
    }
  }

  /** Counts what is written and stops the serialiser once the bound is passed. */
  private static final class Counter extends OutputStream {
    private final long upTo;
    private long count;
    private boolean passed;

    Counter(long upTo) {
      this.upTo = upTo;
    }

    @Override
    public void write(int b) throws IOException {
      add(1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      add(len);
    }

    private void add(long n) throws IOException {
      count += n;
      if (count > upTo) {
        passed = true;
        throw new IOException("larger than " + upTo + " bytes");
      }
    }
  }
}

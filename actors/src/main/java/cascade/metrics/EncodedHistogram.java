package cascade.metrics;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * One interval's latency histogram, kept in HdrHistogram's compressed form (typically a few
 * hundred bytes instead of the tens of kilobytes of a live histogram), so that a run can keep one
 * per interval for the interval log ({@code .hlog}) without its memory growing with the requests.
 */
public final class EncodedHistogram {

  private final byte[] bytes;
  private final long count;

  private EncodedHistogram(byte[] bytes, long count) {
    this.bytes = bytes;
    this.count = count;
  }

  /** A compressed copy of {@code histogram}; later recordings into it do not change the copy. */
  public static EncodedHistogram of(Histogram histogram) {
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(buffer);
    byte[] bytes = new byte[length];
    buffer.flip();
    buffer.get(bytes);
    return new EncodedHistogram(bytes, histogram.getTotalCount());
  }

  /** The values recorded, without decoding. */
  public long count() {
    return count;
  }

  /** A fresh histogram with the recorded values (in the unit they were recorded in). */
  public Histogram decode() {
    try {
      return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
    } catch (DataFormatException e) {
      throw new IllegalStateException("a histogram this class encoded could not be decoded", e);
    }
  }
}

package cascade.load;

import cascade.load.TrafficShapeExtension;
import java.time.Duration;

/** A traffic shape written by a user ({@link TrafficShapeExtension}), as a schedule like the others. */
public record ExtensionShape(String name, long total, TrafficShapeExtension.Shape shape) implements ArrivalSchedule {

  public ExtensionShape {
    Checks.total(total);
  }

  @Override
  public Duration span() {
    return shape.span();
  }

  @Override
  public Cursor cursor() {
    return shape.cursor();
  }
}

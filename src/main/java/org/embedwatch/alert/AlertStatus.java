package org.embedwatch.alert;

import java.util.List;
import org.embedwatch.store.AlertRows;
import org.embedwatch.store.StoredAlert;

/** An alert and its delivery to each sink that has claimed it so far. */
public record AlertStatus(StoredAlert alert, List<AlertRows.Delivery> deliveries) {
  public AlertStatus {
    deliveries = List.copyOf(deliveries);
  }
}

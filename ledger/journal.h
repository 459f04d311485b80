// The journal: where a fund's events are made durable and totally ordered. Two
// implementations share this interface (DESIGN.md): the local journal, where the
// RocksDB store is the journal, and the Kafka journal (one topic per fund).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "events/event.h"
#include "events/status.h"

namespace huzhu {

// One command's events, sealed by the writer: the encoded records and the events
// they were encoded from, in seq order.
struct SealedBatch {
  std::vector<std::string> records;
  std::vector<Event> events;
};

class Journal {
 public:
  virtual ~Journal() = default;
  // Makes the batch durable in the journal and applies it to the store. Either all
  // of it is acknowledged and applied, or an error is returned and none of it will
  // ever be applied.
  virtual Result<std::vector<Event>> Append(SealedBatch batch) = 0;
  // "local" or "kafka", for messages.
  virtual std::string_view name() const = 0;
};

}  // namespace huzhu

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

class Journal {
 public:
  virtual ~Journal() = default;
  // Makes `records` (one command's events, encoded, in seq order) durable in the
  // journal and applies them to the store. Either all of them are acknowledged and
  // applied, or an error is returned and none of them will ever be applied.
  virtual Result<std::vector<Event>> Append(std::vector<std::string> records) = 0;
  // "local" or "kafka", for messages.
  virtual std::string_view name() const = 0;
};

}  // namespace huzhu

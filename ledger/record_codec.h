// Encoding of the state records (state_records.h) with cereal's portable binary
// archive, the same form as events.
#pragma once

#include <cereal/archives/portable_binary.hpp>
#include <string>
#include <string_view>

#include "events/cereal_types.h"
#include "events/portable_streams.h"
#include "events/status.h"
#include "ledger/state_records.h"

namespace huzhu {

// The byte-order byte, then the record's fields (the form a fresh cereal archive
// writes), through this thread's archives (events/portable_streams.h).
template <class T>
std::string EncodeRecord(const T& record) {
  std::string out;
  portable::BeginWrite(&out)(record);
  portable::EndWrite();
  return out;
}

template <class T>
Result<T> DecodeRecord(std::string_view bytes, std::string_view what) {
  T record;
  bool complete = false;
  try {
    SpanInputArchive* ar = portable::BeginRead(bytes);
    if (ar != nullptr) {
      (*ar)(record);
      complete = portable::ReadRemaining() == 0;
    }
  } catch (const std::exception&) {
    complete = false;
  }
  if (!complete) return Status::Corruption("the stored state of " + std::string(what) + " does not decode");
  return record;
}

}  // namespace huzhu

// Encoding of the state records (state_records.h) with cereal's portable binary
// archive, the same form as events.
#pragma once

#include <cereal/archives/portable_binary.hpp>
#include <sstream>
#include <string>
#include <string_view>

#include "events/cereal_types.h"
#include "events/status.h"
#include "ledger/state_records.h"

namespace huzhu {

template <class T>
std::string EncodeRecord(const T& record) {
  std::ostringstream out;
  {
    cereal::PortableBinaryOutputArchive ar(out);
    ar(record);
  }
  return std::move(out).str();
}

template <class T>
Result<T> DecodeRecord(std::string_view bytes, std::string_view what) {
  std::istringstream in{std::string(bytes)};
  T record;
  try {
    cereal::PortableBinaryInputArchive ar(in);
    ar(record);
  } catch (const std::exception& e) {
    return Status::Corruption("the stored state of " + std::string(what) + " does not decode");
  }
  return record;
}

}  // namespace huzhu

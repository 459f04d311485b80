// Each thread's cereal portable binary archives, built once and pointed at the
// bytes at hand: events (codec.cc) and the fund's state records (record_codec.h)
// are both coded through them.
//
// cereal writes through an iostream. Building a stream costs more than coding a
// whole record (locale set-up), and the archive writes the byte-order byte when
// built; so each thread builds its writer once and points it at each record past
// its first byte. Records are read by a SpanInputArchive (span_input_archive.h)
// straight from their bytes, after the byte-order byte is checked here.
//
// Not reentrant: one record at a time per thread (records never nest).
#pragma once

#include <cereal/archives/portable_binary.hpp>
#include <string>
#include <string_view>

#include "events/span_input_archive.h"

namespace huzhu::portable {

// Appends the byte-order byte to `out` and returns the thread's output archive,
// writing to the end of `out` until EndWrite().
cereal::PortableBinaryOutputArchive& BeginWrite(std::string* out);
void EndWrite();

// Returns the thread's input archive reading `bytes` past their byte-order byte,
// or nullptr when `bytes` is empty or that byte is neither 0 nor 1.
SpanInputArchive* BeginRead(std::string_view bytes);
// Bytes left unread of what BeginRead was given.
size_t ReadRemaining();

}  // namespace huzhu::portable

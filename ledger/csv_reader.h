// Reading CSV files as units send them: UTF-8 (with or without a byte-order mark),
// RFC 4180 quoting, through libcsv.
#pragma once

#include <string>
#include <vector>

#include "events/status.h"

namespace huzhu {

// A limit on everything: one import file holds at most this many rows, so that an
// import is one atomic batch of bounded size. Split larger files.
constexpr size_t kImportRowsMax = 100'000;
constexpr size_t kCsvLineBytesMax = 64 * 1024;

struct CsvRow {
  size_t line = 0;  // the line of the file the row starts on (the header is line 1)
  std::vector<std::string> fields;
};

// Reads every row, the header first. Errors name the file and the line: a quote
// left open, a field that is not UTF-8, a line over kCsvLineBytesMax, too many rows.
Result<std::vector<CsvRow>> ReadCsvFile(const std::string& path);

}  // namespace huzhu

#include "ledger/csv_reader.h"

#include <csv.h>

#include <fstream>

namespace huzhu {

namespace {

bool IsUtf8(const std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t extra = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xe ? 2 : (c >> 3) == 0x1e ? 3 : 99;
    if (extra == 99) return false;                      // not a lead byte
    if (extra > 0 && i + extra >= s.size()) return false;  // truncated sequence
    for (size_t k = 1; k <= extra; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
    }
    i += extra + 1;
  }
  return true;
}

struct ParseState {
  std::vector<CsvRow>* rows;
  CsvRow current;
  size_t line = 0;         // the physical line being fed
  bool row_open = false;
};

void OnField(void* data, size_t len, void* state_ptr) {
  auto* st = static_cast<ParseState*>(state_ptr);
  if (!st->row_open) {
    st->current.line = st->line;
    st->row_open = true;
  }
  st->current.fields.emplace_back(data == nullptr ? "" : std::string(static_cast<char*>(data), len));
}

void OnRowEnd(int, void* state_ptr) {
  auto* st = static_cast<ParseState*>(state_ptr);
  if (!st->row_open) return;
  st->rows->push_back(std::move(st->current));
  st->current = CsvRow{};
  st->row_open = false;
}

}  // namespace

Result<std::vector<CsvRow>> ReadCsvFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot read \"" + path + "\"");
  csv_parser parser;
  csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
  std::vector<CsvRow> rows;
  ParseState st{&rows, {}, 0, false};
  std::string line;
  auto fail = [&](const std::string& why) {
    csv_free(&parser);
    return Status::InvalidArgument(path + ", line " + std::to_string(st.line) + ": " + why);
  };
  while (std::getline(in, line)) {
    ++st.line;
    if (st.line == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // byte-order mark
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.size() > kCsvLineBytesMax) return fail("the line is longer than " + std::to_string(kCsvLineBytesMax) + " bytes");
    if (!IsUtf8(line)) return fail("the text is not UTF-8 (save the file as UTF-8 CSV)");
    line += '\n';
    if (csv_parse(&parser, line.data(), line.size(), OnField, OnRowEnd, &st) != line.size()) {
      return fail(std::string("malformed CSV: ") + csv_strerror(csv_error(&parser)));
    }
    if (rows.size() > kImportRowsMax + 1) {
      return fail("more than " + std::to_string(kImportRowsMax) + " rows; split the file");
    }
  }
  if (csv_fini(&parser, OnField, OnRowEnd, &st) != 0) {
    return fail("a quoted field is never closed");
  }
  csv_free(&parser);
  if (rows.empty()) return Status::InvalidArgument(path + ": the file is empty (it needs a header line)");
  return rows;
}

}  // namespace huzhu

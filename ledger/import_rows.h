// The columns of each import kind and how a row becomes a command.
#pragma once

#include <map>
#include <string>
#include <variant>
#include <vector>

#include "ledger/commands.h"
#include "ledger/csv_reader.h"
#include "ledger/importer.h"

namespace huzhu {

struct Column {
  const char* name;  // English header
  const char* zh;    // Chinese header
  bool required;
};

const std::vector<Column>& ColumnsOf(ImportKind kind);

// A row's command, ready for Draft().
using RowCommand = std::variant<RegisterUnit, RegisterMember, EnrolMembers, ReceiveContribution, FileClaim>;

// Maps a header row to column positions; errors name the missing or unknown column.
Result<std::map<std::string, size_t>> MapHeader(ImportKind kind, const CsvRow& header,
                                                std::vector<RowError>* errors);

// Converts one data row; on failure fills `error` (with the column) and returns nullopt.
std::optional<RowCommand> ConvertRow(ImportKind kind, const std::map<std::string, size_t>& columns,
                                     const CsvRow& row, const ImportOptions& options,
                                     RowError* error);

}  // namespace huzhu

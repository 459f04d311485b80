// CSV import of what the office and units send in bulk: units, members, enrolments,
// contributions and claims (README, "CSV import", lists the columns).
//
// An import is one command: either every good row is written in one batch or
// nothing is. By default any bad row refuses the whole file, with every error
// named by file, line and column; with skip_invalid the good rows are imported and
// the bad ones written with their reasons to a rejects file.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ledger/fund.h"

namespace huzhu {

enum class ImportKind { kUnits, kMembers, kEnrolments, kContributions, kClaims };
Result<ImportKind> ImportKindFromName(std::string_view name);

struct ImportOptions {
  // Import the good rows and write the bad ones to `rejects_path`. Default false:
  // one bad row refuses the file.
  bool skip_invalid = false;
  // Where rejected rows go with skip_invalid. Default: FILE.rejects.csv.
  std::string rejects_path;
  // The date of rows that have no date column of their own (units, members).
  Date date;
};

struct RowError {
  size_t line = 0;
  std::string column;  // empty when the row as a whole is refused
  std::string message;
};

struct ImportReport {
  size_t rows = 0;      // data rows in the file
  size_t imported = 0;  // rows written
  std::vector<RowError> errors;
  std::string rejects_path;  // written when rows were skipped
  std::optional<CommandOutcome> outcome;
};

// Returns the report; a refused import returns a Status whose message lists the
// first errors (the report's errors hold all of them) and writes nothing.
Result<ImportReport> ImportCsv(Fund& fund, const CommandContext& context, ImportKind kind,
                               const std::string& path, const ImportOptions& options);

// "members.csv, line 7, column id_number (身份证号): ..."
std::string Describe(const std::string& path, const RowError& error);

}  // namespace huzhu

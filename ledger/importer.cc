#include "ledger/importer.h"

#include <fstream>
#include <set>

#include "ledger/import_rows.h"
#include "ledger/read_ahead.h"

namespace huzhu {

// The good rows' events, as one command. Declared in huzhu itself (not in an
// unnamed namespace) so that Fund::Execute finds its Draft and CheckAfterDryRun.
struct PreparedImport {
  std::vector<EventDraft> drafts;
  std::vector<EnrolMembers> groups;  // enrolment batches whose participation is checked
};
Result<std::vector<EventDraft>> Draft(const FundState&, const PreparedImport& p) { return p.drafts; }
Status CheckAfterDryRun(const FundState& state, const PreparedImport& p) {
  for (const auto& g : p.groups) RETURN_IF_ERROR(CheckAfterDryRun(state, g));
  return Status::Ok();
}

namespace {

struct ImportGroup {
  EnrolMembers batch;
  std::vector<size_t> rows;  // indexes into the file's data rows
};

std::string GroupKey(const EnrolMembers& e) {
  return e.unit_id + "/" + e.plan_code + "/" + FormatDate(e.term_start);
}

std::string CsvQuote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

Status WriteRejects(const std::string& path, const std::vector<CsvRow>& rows,
                    const std::vector<RowError>& errors) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Status::IOError("cannot write the rejects file \"" + path + "\"");
  out << "line,column,reason";
  for (const auto& h : rows[0].fields) out << "," << CsvQuote(h);
  out << "\n";
  for (const auto& e : errors) {
    out << e.line << "," << CsvQuote(e.column) << "," << CsvQuote(e.message);
    for (const auto& row : rows) {
      if (row.line != e.line) continue;
      for (const auto& f : row.fields) out << "," << CsvQuote(f);
    }
    out << "\n";
  }
  out.close();
  if (!out) return Status::IOError("writing the rejects file \"" + path + "\" failed");
  return Status::Ok();
}

Status Refusal(const std::string& path, const std::vector<RowError>& errors) {
  std::string msg = path + ": " + std::to_string(errors.size()) + " bad row(s), nothing imported";
  for (size_t i = 0; i < errors.size() && i < 20; ++i) msg += "\n  " + Describe(path, errors[i]);
  if (errors.size() > 20) msg += "\n  ... and " + std::to_string(errors.size() - 20) + " more";
  return Status::InvalidArgument(msg);
}

// The state records the rows will read, fetched together (ledger/read_ahead.h).
Status ReadAheadRows(const FundState& state, const std::vector<std::optional<RowCommand>>& commands) {
  return ReadAheadRounds(
      state,
      [&](StateKeys* keys) {
        for (const auto& c : commands) {
          if (c) std::visit([&](const auto& command) { FirstReads(command, keys); }, *c);
        }
      },
      [&](StateKeys* keys) {
        for (const auto& c : commands) {
          if (c) std::visit([&](const auto& command) { SecondReads(state, command, keys); }, *c);
        }
      });
}

}  // namespace

Result<ImportKind> ImportKindFromName(std::string_view name) {
  if (name == "units") return ImportKind::kUnits;
  if (name == "members") return ImportKind::kMembers;
  if (name == "enrolments" || name == "enrollments") return ImportKind::kEnrolments;
  if (name == "contributions") return ImportKind::kContributions;
  if (name == "claims") return ImportKind::kClaims;
  return Status::InvalidArgument("unknown import \"" + std::string(name) +
                                 "\" (units, members, enrolments, contributions, claims)");
}

std::string Describe(const std::string& path, const RowError& e) {
  std::string where = path + ", line " + std::to_string(e.line);
  if (!e.column.empty()) {
    std::string column = e.column;
    for (ImportKind k : {ImportKind::kUnits, ImportKind::kMembers, ImportKind::kEnrolments, ImportKind::kContributions,
                         ImportKind::kClaims}) {
      for (const auto& c : ColumnsOf(k)) {
        if (column == c.name) column = std::string(c.name) + " (" + c.zh + ")";
      }
    }
    where += ", column " + column;
  }
  return where + ": " + e.message;
}

Result<ImportReport> ImportCsv(Fund& fund, const CommandContext& context, ImportKind kind,
                               const std::string& path, const ImportOptions& options) {
  ASSIGN_OR_RETURN(std::vector<CsvRow> rows, ReadCsvFile(path));
  ImportReport report;
  report.rows = rows.size() - 1;
  auto columns = MapHeader(kind, rows[0], &report.errors);
  if (!columns.ok()) return Refusal(path, report.errors);

  // Dry-run row by row, each seeing the rows before it; a bad row's effects are undone.
  FundState& state = fund.mutable_state();
  state.Discard();
  uint64_t seq = fund.store().head().seq;
  std::vector<std::vector<EventDraft>> row_drafts(rows.size());
  std::map<std::string, ImportGroup> groups;
  std::vector<std::optional<RowCommand>> commands(rows.size());
  for (size_t i = 1; i < rows.size(); ++i) {
    RowError error;
    commands[i] = ConvertRow(kind, *columns, rows[i], options, &error);
    if (!commands[i]) report.errors.push_back(error);
  }
  RETURN_IF_ERROR(ReadAheadRows(state, commands));
  for (size_t i = 1; i < rows.size(); ++i) {
    const auto& command = commands[i];
    if (!command) continue;
    size_t savepoint = state.Savepoint();
    uint64_t seq_before = seq;
    Status s = std::visit(
        [&](const auto& c) -> Status {
          ASSIGN_OR_RETURN(row_drafts[i], Draft(state, c));
          return fund.ApplyDrafts(context, row_drafts[i], &seq);
        },
        *command);
    // A role that may not record these events is refused once, not row by row.
    if (s.code() == Status::Code::kPermissionDenied) {
      state.Discard();
      return s;
    }
    if (!s.ok()) {
      state.RollbackTo(savepoint);
      seq = seq_before;
      row_drafts[i].clear();
      report.errors.push_back({rows[i].line, "", s.ToString()});
      continue;
    }
    if (const auto* e = std::get_if<EnrolMembers>(&*command)) {
      ImportGroup& g = groups[GroupKey(*e)];
      if (g.rows.empty()) g.batch = *e;
      else g.batch.member_ids.push_back(e->member_ids[0]);
      g.rows.push_back(i);
    }
  }
  // Participation holds per unit, plan and start date, over the whole file.
  PreparedImport prepared;
  std::set<size_t> dropped;
  for (auto& [key, g] : groups) {
    Status s = CheckAfterDryRun(state, g.batch);
    if (s.ok()) {
      prepared.groups.push_back(g.batch);
      continue;
    }
    for (size_t i : g.rows) {
      report.errors.push_back({rows[i].line, "", s.ToString()});
      dropped.insert(i);
    }
  }
  state.Discard();
  commands = {};  // the drafts hold what is still needed; the file can be large
  std::sort(report.errors.begin(), report.errors.end(),
            [](const RowError& a, const RowError& b) { return a.line < b.line; });
  if (!report.errors.empty() && !options.skip_invalid) return Refusal(path, report.errors);
  if (!report.errors.empty()) {
    report.rejects_path = options.rejects_path.empty() ? path + ".rejects.csv" : options.rejects_path;
    RETURN_IF_ERROR(WriteRejects(report.rejects_path, rows, report.errors));
  }
  for (size_t i = 1; i < rows.size(); ++i) {
    if (dropped.count(i) || row_drafts[i].empty()) continue;
    prepared.drafts.insert(prepared.drafts.end(), std::make_move_iterator(row_drafts[i].begin()),
                           std::make_move_iterator(row_drafts[i].end()));
    row_drafts[i] = {};
    ++report.imported;
  }
  if (prepared.drafts.empty()) return report;
  ASSIGN_OR_RETURN(CommandOutcome outcome, fund.Execute(context, prepared));
  report.outcome = std::move(outcome);
  return report;
}

}  // namespace huzhu

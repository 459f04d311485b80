#include "ledger/import_rows.h"

namespace huzhu {

namespace {

const std::vector<Column> kUnitColumns = {
    {"unit_id", "单位编号", true}, {"name", "单位名称", true},
    {"staff_count", "职工人数", true}, {"female_staff_count", "女职工人数", false}};
const std::vector<Column> kMemberColumns = {
    {"member_id", "会员编号", true},   {"unit_id", "单位编号", true},
    {"name", "姓名", true},            {"id_number", "身份证号", true},
    {"bank_account", "银行账号", true}, {"phone", "手机号", false},
    {"gender", "性别", false},         {"birth_date", "出生日期", false},
    {"in_service", "在职", false}};
const std::vector<Column> kEnrolmentColumns = {
    {"unit_id", "单位编号", true}, {"member_id", "会员编号", true}, {"plan", "保障计划", true},
    {"shares", "份数", true},      {"term_start", "起保日期", true}, {"years", "年限", false}};
const std::vector<Column> kContributionColumns = {
    {"contribution_id", "缴费单号", true}, {"unit_id", "单位编号", true},
    {"plan", "保障计划", true},            {"amount_yuan", "金额", true},
    {"date", "缴费日期", true},            {"bank_reference", "银行流水号", false}};
const std::vector<Column> kClaimColumns = {
    {"claim_id", "申请编号", true},       {"member_id", "会员编号", true},
    {"plan", "保障计划", true},           {"benefit_kind", "给付类型", true},
    {"incident_date", "出险日期", true},  {"filed_on", "申请日期", true},
    {"invoice_number", "发票号", false},  {"hospital", "医院", false},
    {"disease_code", "疾病编码", false},  {"disease_tier", "疾病等级", false},
    {"admission_date", "入院日期", false}, {"discharge_date", "出院日期", false},
    {"self_pay_yuan", "自付金额", false}, {"disability_grade", "伤残等级", false}};

// Reads typed cells of one row; the first problem is kept with its column.
class Cells {
 public:
  Cells(const std::map<std::string, size_t>& columns, const CsvRow& row, RowError* error)
      : columns_(columns), row_(row), error_(error) {}
  bool ok() const { return ok_; }

  std::string Text(const std::string& column) {
    auto it = columns_.find(column);
    if (it == columns_.end() || it->second >= row_.fields.size()) return "";
    std::string v = row_.fields[it->second];
    size_t b = v.find_first_not_of(" \t"), e = v.find_last_not_of(" \t");
    return b == std::string::npos ? "" : v.substr(b, e - b + 1);
  }
  std::string Required(const std::string& column) {
    std::string v = Text(column);
    if (v.empty()) Fail(column, "is empty");
    return v;
  }
  Date DateOf(const std::string& column) {
    std::string v = Required(column);
    if (!ok_) return Date{};
    auto d = ParseDate(v);
    if (!d.ok()) Fail(column, d.status().message());
    return d.ok() ? *d : Date{};
  }
  std::optional<Date> OptionalDate(const std::string& column) {
    if (Text(column).empty()) return std::nullopt;
    return DateOf(column);
  }
  Fen Yuan(const std::string& column, bool required) {
    std::string v = required ? Required(column) : Text(column);
    if (!ok_ || v.empty()) return 0;
    auto fen = ParseYuan(v);
    if (!fen.ok()) Fail(column, fen.status().message());
    return fen.ok() ? *fen : 0;
  }
  uint32_t Number(const std::string& column, bool required, uint32_t fallback = 0) {
    std::string v = required ? Required(column) : Text(column);
    if (!ok_ || v.empty()) return fallback;
    if (v.size() > 9 || v.find_first_not_of("0123456789") != std::string::npos) {
      Fail(column, "\"" + v + "\" is not a whole number");
      return 0;
    }
    return static_cast<uint32_t>(std::stoul(v));
  }
  void Fail(const std::string& column, const std::string& why) {
    if (!ok_) return;
    ok_ = false;
    *error_ = RowError{row_.line, column, why};
  }

 private:
  const std::map<std::string, size_t>& columns_;
  const CsvRow& row_;
  RowError* error_;
  bool ok_ = true;
};

RegisterUnit UnitRow(Cells& c, const ImportOptions& o) {
  RegisterUnit u;
  u.unit.unit_id = c.Required("unit_id");
  u.unit.name = c.Required("name");
  u.unit.staff_count = c.Number("staff_count", true);
  u.unit.female_staff_count = c.Number("female_staff_count", false, 0);
  u.date = o.date;
  return u;
}

RegisterMember MemberRow(Cells& c, const ImportOptions& o) {
  RegisterMember m;
  m.member.member_id = c.Required("member_id");
  m.member.unit_id = c.Required("unit_id");
  m.member.name = c.Required("name");
  m.member.id_number = c.Required("id_number");
  m.member.bank_account = c.Required("bank_account");
  m.member.phone = c.Text("phone");
  std::string gender = c.Text("gender");
  if (!gender.empty()) {
    m.gender = GenderFromName(gender);
    if (!m.gender) c.Fail("gender", "\"" + gender + "\" is not M, F, 男 or 女");
  }
  m.birth_date = c.OptionalDate("birth_date");
  std::string in_service = c.Text("in_service");
  m.member.in_service = !(in_service == "no" || in_service == "N" || in_service == "否" || in_service == "0");
  m.date = o.date;
  return m;
}

EnrolMembers EnrolmentRow(Cells& c) {
  EnrolMembers e;
  e.unit_id = c.Required("unit_id");
  e.member_ids = {c.Required("member_id")};
  e.plan_code = c.Required("plan");
  e.shares = c.Number("shares", true);
  e.term_start = c.DateOf("term_start");
  e.years = c.Number("years", false, 0);
  return e;
}

ReceiveContribution ContributionRow(Cells& c) {
  ReceiveContribution r;
  r.contribution.contribution_id = c.Required("contribution_id");
  r.contribution.unit_id = c.Required("unit_id");
  r.contribution.plan_code = c.Required("plan");
  r.contribution.amount_fen = c.Yuan("amount_yuan", true);
  r.contribution.bank_reference = c.Text("bank_reference");
  r.date = c.DateOf("date");
  return r;
}

FileClaim ClaimRow(Cells& c) {
  FileClaim f;
  ClaimFiled& k = f.claim;
  k.claim_id = c.Required("claim_id");
  k.member_id = c.Required("member_id");
  k.plan_code = c.Required("plan");
  k.benefit_kind = c.Required("benefit_kind");
  k.incident_date = c.DateOf("incident_date");
  f.filed_on = c.DateOf("filed_on");
  k.invoice_number = c.Text("invoice_number");
  k.hospital = c.Text("hospital");
  k.disease_code = c.Text("disease_code");
  k.disease_tier = static_cast<uint8_t>(c.Number("disease_tier", false));
  k.admission_date = c.OptionalDate("admission_date");
  k.discharge_date = c.OptionalDate("discharge_date");
  k.self_pay_fen = c.Yuan("self_pay_yuan", false);
  k.disability_grade = static_cast<uint8_t>(c.Number("disability_grade", false));
  return f;
}

}  // namespace

const std::vector<Column>& ColumnsOf(ImportKind kind) {
  switch (kind) {
    case ImportKind::kUnits: return kUnitColumns;
    case ImportKind::kMembers: return kMemberColumns;
    case ImportKind::kEnrolments: return kEnrolmentColumns;
    case ImportKind::kContributions: return kContributionColumns;
    case ImportKind::kClaims: return kClaimColumns;
  }
  return kMemberColumns;
}

Result<std::map<std::string, size_t>> MapHeader(ImportKind kind, const CsvRow& header,
                                                std::vector<RowError>* errors) {
  std::map<std::string, size_t> columns;
  const auto& known = ColumnsOf(kind);
  for (size_t i = 0; i < header.fields.size(); ++i) {
    std::string h = header.fields[i];
    auto it = std::find_if(known.begin(), known.end(),
                           [&](const Column& c) { return h == c.name || h == c.zh; });
    if (it == known.end()) {
      errors->push_back({header.line, h, "is not a column of this import"});
      continue;
    }
    if (columns.count(it->name)) errors->push_back({header.line, h, "appears twice"});
    columns[it->name] = i;
  }
  for (const auto& c : known) {
    if (c.required && !columns.count(c.name)) {
      errors->push_back({header.line, std::string(c.name) + " (" + c.zh + ")", "is missing from the header"});
    }
  }
  if (!errors->empty()) return Status::InvalidArgument("the header does not fit");
  return columns;
}

std::optional<RowCommand> ConvertRow(ImportKind kind, const std::map<std::string, size_t>& columns,
                                     const CsvRow& row, const ImportOptions& options, RowError* error) {
  Cells cells(columns, row, error);
  RowCommand command;
  switch (kind) {
    case ImportKind::kUnits: command = UnitRow(cells, options); break;
    case ImportKind::kMembers: command = MemberRow(cells, options); break;
    case ImportKind::kEnrolments: command = EnrolmentRow(cells); break;
    case ImportKind::kContributions: command = ContributionRow(cells); break;
    case ImportKind::kClaims: command = ClaimRow(cells); break;
  }
  if (!cells.ok()) return std::nullopt;
  return command;
}

}  // namespace huzhu

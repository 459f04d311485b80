#include "ledger/plan.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace huzhu {

namespace {

using Json = nlohmann::json;

// Reads fields out of one plan object, remembering the first problem, so that
// parsing stays a flat list of assignments.
class PlanReader {
 public:
  explicit PlanReader(const Json& j) : j_(j) {
    if (j.contains("code") && j["code"].is_string()) where_ = "plan " + j["code"].get<std::string>();
  }
  template <class T>
  T Get(const Json& obj, const char* field, const char* path) {
    if (!ok_) return T{};
    if (!obj.contains(field)) return Fail(std::string("is missing \"") + path + "\""), T{};
    try {
      return obj[field].get<T>();
    } catch (const Json::exception&) {
      return Fail(std::string("has a bad \"") + path + "\""), T{};
    }
  }
  template <class T>
  T Get(const char* field) { return Get<T>(j_, field, field); }
  void Fail(const std::string& why) {
    if (ok_) status_ = Status::InvalidArgument(where_ + " " + why);
    ok_ = false;
  }
  bool ok() const { return ok_; }
  const Status& status() const { return status_; }

 private:
  const Json& j_;
  std::string where_ = "a plan";
  bool ok_ = true;
  Status status_;
};

void ReadBenefit(const Json& b, PlanRules* p, PlanReader& r) {
  std::string kind = r.Get<std::string>(b, "kind", "benefit.kind");
  if (kind == "inpatient") {
    p->kind = BenefitKind::kInpatient;
    p->deductible_fen = r.Get<Fen>(b, "deductible_fen", "benefit.deductible_fen");
    p->pct = r.Get<uint32_t>(b, "pct", "benefit.pct");
    p->per_admission_max_fen = r.Get<Fen>(b, "per_admission_max_fen", "benefit.per_admission_max_fen");
    p->per_term_max_fen = r.Get<Fen>(b, "per_term_max_fen", "benefit.per_term_max_fen");
  } else if (kind == "critical") {
    p->kind = BenefitKind::kCritical;
    p->lump_sum_fen = r.Get<Fen>(b, "lump_sum_fen", "benefit.lump_sum_fen");
    p->listed_disease_prefixes = r.Get<std::vector<std::string>>(
        b, "listed_disease_prefixes", "benefit.listed_disease_prefixes");
  } else if (kind == "female") {
    p->kind = BenefitKind::kFemale;
    for (const Json& t : r.Get<std::vector<Json>>(b, "tiers", "benefit.tiers")) {
      p->tiers.push_back({r.Get<uint32_t>(t, "tier", "benefit.tiers.tier"),
                          r.Get<Fen>(t, "amount_fen", "benefit.tiers.amount_fen"),
                          r.Get<std::vector<std::string>>(t, "disease_prefixes",
                                                          "benefit.tiers.disease_prefixes")});
    }
  } else if (kind == "accident") {
    p->kind = BenefitKind::kAccident;
    p->death_fen = r.Get<Fen>(b, "death_fen", "benefit.death_fen");
    p->disability_pct_by_grade = r.Get<std::vector<uint32_t>>(
        b, "disability_pct_by_grade", "benefit.disability_pct_by_grade");
    p->medical_per_term_max_fen =
        r.Get<Fen>(b, "medical_per_term_max_fen", "benefit.medical_per_term_max_fen");
    if (r.ok() && p->disability_pct_by_grade.size() != 10) {
      r.Fail("needs 10 entries in \"benefit.disability_pct_by_grade\" (grades 1 to 10)");
    }
  } else if (r.ok()) {
    r.Fail("has an unknown benefit kind \"" + kind + "\"");
  }
}

void CheckRanges(const PlanRules& p, PlanReader& r) {
  if (!r.ok()) return;
  if (p.code.empty()) r.Fail("has an empty code");
  if (p.version == 0) r.Fail("needs a version of 1 or more");
  if (p.max_shares == 0) r.Fail("needs max_shares of 1 or more");
  if (p.premium_per_share_fen <= 0) r.Fail("needs a positive premium_per_share_fen");
  if (p.term_years_min == 0 || p.term_years_min > p.term_years_max) r.Fail("has a bad term range");
  for (const auto& ph : p.observation) {
    if (ph.from_day < 0 || ph.from_day > ph.to_day || ph.pct > 100) r.Fail("has a bad observation phase");
  }
  if (p.participation_min_pct > 100) r.Fail("has participation.min_pct above 100");
}

}  // namespace

std::string_view BenefitKindName(BenefitKind kind) {
  switch (kind) {
    case BenefitKind::kInpatient: return "inpatient";
    case BenefitKind::kCritical: return "critical";
    case BenefitKind::kFemale: return "female";
    case BenefitKind::kAccident: return "accident";
  }
  return "unknown";
}

Result<PlanRules> PlanFromJson(std::string_view json_text) {
  Json j = Json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return Status::InvalidArgument("a plan is not a JSON object");
  PlanReader r(j);
  PlanRules p;
  p.code = r.Get<std::string>("code");
  p.version = r.Get<uint32_t>("version");
  p.name = r.Get<std::string>("name");
  std::string from = r.Get<std::string>("effective_from");
  p.premium_per_share_fen = r.Get<Fen>("premium_per_share_fen");
  p.max_shares = r.Get<uint32_t>("max_shares");
  p.term_years_min = r.Get<uint32_t>("term_years_min");
  p.term_years_max = r.Get<uint32_t>("term_years_max");
  for (const Json& ph : r.Get<std::vector<Json>>("observation")) {
    p.observation.push_back({r.Get<int32_t>(ph, "from_day", "observation.from_day"),
                             r.Get<int32_t>(ph, "to_day", "observation.to_day"),
                             r.Get<uint32_t>(ph, "pct", "observation.pct")});
  }
  Json e = r.Get<Json>("eligibility");
  p.min_age = r.Get<uint32_t>(e, "min_age", "eligibility.min_age");
  p.retirement_age_male = r.Get<uint32_t>(e, "retirement_age_male", "eligibility.retirement_age_male");
  p.retirement_age_female =
      r.Get<uint32_t>(e, "retirement_age_female", "eligibility.retirement_age_female");
  std::string gender = r.Get<std::string>(e, "gender", "eligibility.gender");
  if (gender != "any") p.only_gender = GenderFromName(gender);
  Json part = r.Get<Json>("participation");
  p.participation_min_pct = r.Get<uint32_t>(part, "min_pct", "participation.min_pct");
  p.small_unit_staff_max =
      r.Get<uint32_t>(part, "small_unit_staff_max", "participation.small_unit_staff_max");
  p.renewal_grace_days = r.Get<int32_t>("renewal_grace_days");
  p.claim_deadline_days = r.Get<int32_t>("claim_deadline_days");
  p.second_approver_above_fen = r.Get<Fen>("second_approver_above_fen");
  ReadBenefit(r.Get<Json>("benefit"), &p, r);
  if (r.ok()) {
    auto date = ParseDate(from);
    if (!date.ok()) r.Fail("has a bad \"effective_from\": " + date.status().message());
    else p.effective_from = *date;
    if (gender != "any" && !p.only_gender) r.Fail("has a bad \"eligibility.gender\"");
  }
  CheckRanges(p, r);
  if (!r.ok()) return r.status();
  return p;
}

std::string PlanToJson(const PlanRules& p) {
  Json benefit;
  benefit["kind"] = std::string(BenefitKindName(p.kind));
  switch (p.kind) {
    case BenefitKind::kInpatient:
      benefit["deductible_fen"] = p.deductible_fen;
      benefit["pct"] = p.pct;
      benefit["per_admission_max_fen"] = p.per_admission_max_fen;
      benefit["per_term_max_fen"] = p.per_term_max_fen;
      break;
    case BenefitKind::kCritical:
      benefit["lump_sum_fen"] = p.lump_sum_fen;
      benefit["listed_disease_prefixes"] = p.listed_disease_prefixes;
      break;
    case BenefitKind::kFemale:
      benefit["tiers"] = Json::array();
      for (const auto& t : p.tiers) {
        benefit["tiers"].push_back(
            {{"tier", t.tier}, {"amount_fen", t.amount_fen}, {"disease_prefixes", t.disease_prefixes}});
      }
      break;
    case BenefitKind::kAccident:
      benefit["death_fen"] = p.death_fen;
      benefit["disability_pct_by_grade"] = p.disability_pct_by_grade;
      benefit["medical_per_term_max_fen"] = p.medical_per_term_max_fen;
      break;
  }
  Json observation = Json::array();
  for (const auto& ph : p.observation) {
    observation.push_back({{"from_day", ph.from_day}, {"to_day", ph.to_day}, {"pct", ph.pct}});
  }
  Json j = {
      {"code", p.code}, {"version", p.version}, {"name", p.name},
      {"effective_from", FormatDate(p.effective_from)},
      {"premium_per_share_fen", p.premium_per_share_fen}, {"max_shares", p.max_shares},
      {"term_years_min", p.term_years_min}, {"term_years_max", p.term_years_max},
      {"observation", observation},
      {"eligibility",
       {{"min_age", p.min_age}, {"retirement_age_male", p.retirement_age_male},
        {"retirement_age_female", p.retirement_age_female},
        {"gender", p.only_gender ? std::string(GenderName(*p.only_gender)) : "any"}}},
      {"participation",
       {{"min_pct", p.participation_min_pct}, {"small_unit_staff_max", p.small_unit_staff_max}}},
      {"renewal_grace_days", p.renewal_grace_days},
      {"claim_deadline_days", p.claim_deadline_days},
      {"second_approver_above_fen", p.second_approver_above_fen},
      {"benefit", benefit}};
  return j.dump();  // nlohmann::json keeps keys sorted: the form is canonical.
}

Result<std::vector<PlanRules>> LoadCatalog(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot read plan catalog \"" + path + "\"");
  std::stringstream text;
  text << in.rdbuf();
  Json j = Json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::InvalidArgument("plan catalog \"" + path + "\" is not valid JSON");
  if (!j.contains("plans") || !j["plans"].is_array()) {
    return Status::InvalidArgument("plan catalog \"" + path + "\" has no \"plans\" list");
  }
  std::vector<PlanRules> plans;
  for (const Json& entry : j["plans"]) {
    auto plan = PlanFromJson(entry.dump());
    if (!plan.ok()) return plan.status().WithContext(path);
    plans.push_back(std::move(plan).value());
  }
  return plans;
}

}  // namespace huzhu

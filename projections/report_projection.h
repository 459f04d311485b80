// The facts behind the annual report (DOMAIN.md, "The annual report"), bucketed by
// the effective year and keyed by seq so that a report can be read as restated (all
// events) or as of a recorded time (only the events recorded by then).
#pragma once

#include <functional>
#include <map>

#include "projections/projection.h"

namespace huzhu {

enum class FactKind : uint8_t { kEnrolment = 1, kContribution, kPayout, kRelief };

// One effect of one event on the report. `count` and `amount_fen` are signed:
// corrections add negative facts in the year of what they correct.
struct Fact {
  FactKind kind = FactKind::kEnrolment;
  int32_t count = 0;
  Fen amount_fen = 0;
  std::string plan_code;
  std::string unit_id;
};

class ReportProjection : public Projection {
 public:
  std::string_view name() const override { return "report"; }
  // 2: the claim-to-plan rows moved from "c" to "p" (version 1 stores are rebuilt).
  uint32_t version() const override { return 2; }
  Status Apply(const Event& event, const Store& events, ProjectionSink& sink) override;
};

// Visits the facts of `year` from events up to `max_seq`.
Status ForEachFact(const Store& store, int year, uint64_t max_seq,
                   const std::function<void(const Fact&)>& fn);
// Plan names by code, as published.
Result<std::map<std::string, std::string>> PlanNames(const Store& store);
// The bank account's movement in each effective year up to `max_seq`: calls fn(year, amount).
Status ForEachBankMovement(const Store& store, uint64_t max_seq, const std::function<void(int, Fen)>& fn);

}  // namespace huzhu

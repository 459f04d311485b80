// huzhu audit: verify recomputes the hash chain and checks every file's checksums;
// projections and state rebuild the read side and the write side from the events and compare.
#include "ledger/state_audit.h"
#include "projections/audit.h"
#include "tools/huzhu/cli.h"
#include "tools/huzhu/fund_session.h"
#include "tools/huzhu/progress.h"

namespace huzhu::cli {

namespace {

Status RunVerify(const GlobalOptions& global) {
  ASSIGN_OR_RETURN(auto store, OpenStore(global, /*read_only=*/true));
  Progress progress("verifying the chain", store->head().seq);
  ASSIGN_OR_RETURN(VerifyReport report,
                   store->VerifyChain([&](uint64_t seq) { progress.Update(seq); }));
  progress.Finish();
  // Also every block of every file, including indexes and projections the chain
  // walk does not read.
  RETURN_IF_ERROR(store->VerifyFileChecksums());
  std::printf("chain verified: %llu events, head seq %llu, hash %s\n",
              static_cast<unsigned long long>(report.events),
              static_cast<unsigned long long>(report.head.seq), ToHex(report.head.hash).c_str());
  return Status::Ok();
}

// --scratch, or beside the store.
std::string ScratchDirFor(const GlobalOptions& global, const std::string& scratch) {
  return scratch.empty() ? global.data_dir + ".audit-scratch" : scratch;
}

// An audit stopped midway (Ctrl-C) leaves its scratch directory behind; the next one
// must not write over a directory it did not make.
template <class T>
Result<T> ExplainScratch(Result<T> audit) {
  if (audit.status().code() != Status::Code::kAlreadyExists) return audit;
  return Status::AlreadyExists(audit.status().message() +
                               ": an audit that was stopped leaves it behind; remove it, or name another with --scratch");
}

Status RunAuditProjections(const GlobalOptions& global, const std::string& scratch) {
  ASSIGN_OR_RETURN(Ledger ledger, OpenLedger(global));
  const Store& store = ledger.fund->store();
  std::string dir = ScratchDirFor(global, scratch);
  Progress progress("rebuilding projections into " + dir, store.head().seq);
  ASSIGN_OR_RETURN(ProjectionAudit audit,
                   ExplainScratch(AuditProjections(store, dir, [&](uint64_t seq) { progress.Update(seq); })));
  progress.Finish();
  if (audit.difference) {
    const auto& d = *audit.difference;
    return Status::Corruption("projection " + d.projection + " differs from its rebuild at key " + d.key_hex +
                              ": kept " + d.kept_hex + ", rebuilt " + d.rebuilt_hex +
                              " (`huzhu rebuild " + d.projection + "` replaces it)");
  }
  std::printf("projections verified: rebuilt from %llu events, %llu rows equal byte for byte\n",
              static_cast<unsigned long long>(audit.events), static_cast<unsigned long long>(audit.rows_compared));
  return Status::Ok();
}

Status RunAuditState(const GlobalOptions& global, const std::string& scratch) {
  ASSIGN_OR_RETURN(auto store, OpenStore(global, /*read_only=*/true));
  std::string dir = ScratchDirFor(global, scratch);
  Progress progress("replaying the events into " + dir, store->head().seq);
  ASSIGN_OR_RETURN(StateAudit audit,
                   ExplainScratch(AuditState(*store, dir, [&](uint64_t seq) { progress.Update(seq); })));
  progress.Finish();
  if (audit.difference) {
    const auto& d = *audit.difference;
    return Status::Corruption("the state differs from its replay at key " + d.key_hex + ": kept " + d.kept_hex +
                              ", replayed " + d.rebuilt_hex);
  }
  std::printf("state verified: replayed %llu events through the rules, %llu rows equal byte for byte\n",
              static_cast<unsigned long long>(audit.events), static_cast<unsigned long long>(audit.rows_compared));
  return Status::Ok();
}

}  // namespace

void AddAuditCommand(CLI::App& app, Cli& cli) {
  CLI::App* audit = app.add_subcommand("audit", "check the ledger's integrity");
  audit->require_subcommand(1);
  CLI::App* verify = audit->add_subcommand(
      "verify", "recompute the hash chain; name the first event that does not match");
  verify->callback([&cli] { cli.action = [&cli] { return RunVerify(cli.global); }; });
  auto scratch = std::make_shared<std::string>();
  CLI::App* projections = audit->add_subcommand(
      "projections", "rebuild every projection into a scratch store and compare, byte for byte");
  projections->add_option("--scratch", *scratch, "scratch directory (default: DATA.audit-scratch; removed after)");
  projections->callback([&cli, scratch] {
    cli.action = [&cli, scratch] { return RunAuditProjections(cli.global, *scratch); };
  });
  CLI::App* state = audit->add_subcommand(
      "state", "replay every event through the rules into a scratch store and compare the write side's state");
  state->add_option("--scratch", *scratch, "scratch directory (default: DATA.audit-scratch; removed after)");
  state->callback([&cli, scratch] { cli.action = [&cli, scratch] { return RunAuditState(cli.global, *scratch); }; });
}

}  // namespace huzhu::cli

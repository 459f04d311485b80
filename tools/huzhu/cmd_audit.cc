// huzhu audit verify: recompute the hash chain and check every file's checksums.
#include "tools/huzhu/cli.h"
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
  RETURN_IF_ERROR(FromRocks(store->db()->VerifyChecksum(), "checking the store's file checksums"));
  std::printf("chain verified: %llu events, head seq %llu, hash %s\n",
              static_cast<unsigned long long>(report.events),
              static_cast<unsigned long long>(report.head.seq), ToHex(report.head.hash).c_str());
  return Status::Ok();
}

}  // namespace

void AddAuditCommand(CLI::App& app, Cli& cli) {
  CLI::App* audit = app.add_subcommand("audit", "check the ledger's integrity");
  audit->require_subcommand(1);
  CLI::App* verify = audit->add_subcommand(
      "verify", "recompute the hash chain; name the first event that does not match");
  verify->callback([&cli] { cli.action = [&cli] { return RunVerify(cli.global); }; });
}

}  // namespace huzhu::cli

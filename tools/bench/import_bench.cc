#include "tools/bench/import_bench.h"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "ledger/store_options.h"
#include "tools/generator/people.h"

namespace huzhu::bench {

namespace {

namespace fs = std::filesystem;

constexpr uint64_t kRowsPerFile = 100'000;  // huzhu import's per-file limit

struct Run {
  double seconds = 0;
  double peak_rss_mib = 0;
};

// Runs huzhu with `args` as a child process; its peak RSS comes from wait4.
Result<Run> RunHuzhu(const std::string& huzhu, const std::vector<std::string>& args) {
  std::vector<char*> argv{const_cast<char*>(huzhu.c_str())};
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid < 0) return Status::IOError("fork failed");
  if (pid == 0) {
    if (std::freopen("/dev/null", "w", stdout) == nullptr) _exit(126);
    execv(huzhu.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  if (wait4(pid, &status, 0, &usage) != pid) return Status::IOError("wait4 failed");
  std::string line = huzhu;
  for (const auto& a : args) line += " " + a;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return Status::Internal("`" + line + "` failed");
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return Run{secs, static_cast<double>(usage.ru_maxrss) / 1024.0};
}

struct CsvFiles {
  std::string units;
  std::vector<std::string> members, enrolments;
};

// Units of 40 to 100 members; files of at most kRowsPerFile rows, split between
// units (participation is checked per unit within a file).
CsvFiles WriteCsvFiles(const fs::path& dir, uint64_t members) {
  fs::create_directories(dir);
  gen::Random rng(2016);
  CsvFiles files;
  files.units = (dir / "units.csv").string();
  std::ofstream units(files.units);
  units << "unit_id,name,staff_count\n";
  std::ofstream member_file, enrolment_file;
  uint64_t written = 0, in_file = kRowsPerFile;
  for (int u = 0; written < members; ++u) {
    uint64_t n = std::min<uint64_t>(members - written, static_cast<uint64_t>(rng.Between(40, 100)));
    if (in_file + n > kRowsPerFile) {
      size_t k = files.members.size();
      files.members.push_back((dir / ("members-" + std::to_string(k) + ".csv")).string());
      files.enrolments.push_back((dir / ("enrolments-" + std::to_string(k) + ".csv")).string());
      member_file = std::ofstream(files.members.back());
      enrolment_file = std::ofstream(files.enrolments.back());
      member_file << "member_id,unit_id,name,id_number,bank_account\n";
      enrolment_file << "unit_id,member_id,plan,shares,term_start\n";
      in_file = 0;
    }
    std::string unit = "U" + std::to_string(100000 + u);
    units << unit << ",单位" << u << "," << n << "\n";
    for (uint64_t i = 0; i < n; ++i) {
      std::string id = "M" + std::to_string(++written);
      Gender g = rng.Chance(450) ? Gender::kFemale : Gender::kMale;
      Date birth = DateFromCivil(static_cast<int>(rng.Between(1965, 1994)), 1, 1 + static_cast<unsigned>(rng.Between(0, 27)));
      member_file << id << "," << unit << "," << gen::ChineseName(rng, g) << "," << gen::FakeIdNumber(rng, birth, g)
                  << "," << gen::FakeBankAccount(rng) << "\n";
      enrolment_file << unit << "," << id << ",INPATIENT,1,2016-01-01\n";
    }
    in_file += n;
  }
  return files;
}

struct Measured {
  uint64_t members = 0;
  double import_seconds = 0;
  double import_rss = 0;  // the largest of the import processes
  double rebuild_rss = 0;
  double rebuild_seconds = 0;
};

Result<Measured> MeasureOne(const ImportBenchOptions& o, const std::string& huzhu, uint64_t members) {
  fs::path dir = fs::path(o.dir) / std::to_string(members);
  fs::remove_all(dir);
  std::printf("writing the CSV files of %llu members...\n", static_cast<unsigned long long>(members));
  std::fflush(stdout);
  CsvFiles files = WriteCsvFiles(dir / "csv", members);
  std::string data = (dir / "store").string();
  std::vector<std::string> admin = {"--data", data, "--as", "admin1:admin"};
  auto with = [&](std::vector<std::string> more) {
    std::vector<std::string> args = admin;
    args.insert(args.end(), more.begin(), more.end());
    return args;
  };
  RETURN_IF_ERROR(RunHuzhu(huzhu, with({"init", "--fund", "BENCH", "--name", "bench", "--date", "2015-12-01"})).status());
  RETURN_IF_ERROR(RunHuzhu(huzhu, with({"plan", "publish", "--catalog", o.catalog, "--date", "2015-12-01"})).status());
  Measured m;
  m.members = members;
  auto import = [&](const std::string& kind, const std::string& file) -> Status {
    ASSIGN_OR_RETURN(Run run, RunHuzhu(huzhu, with({"import", kind, file, "--date", "2015-12-10"})));
    m.import_seconds += run.seconds;
    m.import_rss = std::max(m.import_rss, run.peak_rss_mib);
    return Status::Ok();
  };
  RETURN_IF_ERROR(import("units", files.units));
  for (const auto& f : files.members) RETURN_IF_ERROR(import("members", f));
  for (const auto& f : files.enrolments) RETURN_IF_ERROR(import("enrolments", f));
  ASSIGN_OR_RETURN(Run rebuild, RunHuzhu(huzhu, {"--data", data, "rebuild"}));
  m.rebuild_rss = rebuild.peak_rss_mib;
  m.rebuild_seconds = rebuild.seconds;
  std::printf("%10llu members: import %6.1f s (%zu files), peak RSS %5.0f MiB; rebuild %5.1f s, peak RSS %5.0f MiB\n",
              static_cast<unsigned long long>(members), m.import_seconds, 1 + files.members.size() * 2, m.import_rss,
              m.rebuild_seconds, m.rebuild_rss);
  std::fflush(stdout);
  if (!o.keep) fs::remove_all(dir);
  return m;
}

std::string BesideThisProgram(const std::string& relative) {
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  return (self.parent_path() / relative).lexically_normal().string();
}

}  // namespace

int RunImportBench(const ImportBenchOptions& o) {
  std::string huzhu = o.huzhu.empty() ? BesideThisProgram("../huzhu/huzhu") : o.huzhu;
  if (!fs::exists(huzhu)) {
    std::fprintf(stderr, "bench: no huzhu program at %s (pass --huzhu)\n", huzhu.c_str());
    return 2;
  }
  std::printf("import bench: each `huzhu import` and `huzhu rebuild` is its own process; block cache %zu MiB\n",
              StoreOptions{}.block_cache_bytes >> 20);
  std::vector<Measured> all;
  for (uint64_t n : o.members) {
    auto m = MeasureOne(o, huzhu, n);
    if (!m.ok()) {
      std::fprintf(stderr, "bench: %s\n", m.status().ToString().c_str());
      return 1;
    }
    all.push_back(*m);
  }
  if (all.size() >= 2) {
    const Measured& a = all.front();
    const Measured& b = all.back();
    std::printf("members x%.1f: import peak RSS x%.2f, rebuild peak RSS x%.2f (target: no growth beyond the caches)\n",
                static_cast<double>(b.members) / static_cast<double>(a.members), b.import_rss / a.import_rss,
                b.rebuild_rss / a.rebuild_rss);
  }
  return 0;
}

}  // namespace huzhu::bench

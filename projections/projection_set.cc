#include "projections/projection_set.h"

#include <algorithm>
#include <map>

#include "ledger/bulk_loader.h"
#include "ledger/keys.h"
#include "ledger/sorted_batch.h"

namespace huzhu {

struct ProjectionSet::Entry {
  std::unique_ptr<Projection> projection;
  rocksdb::ColumnFamilyHandle* cf;
  std::unique_ptr<StateOverlay> kv;
};

namespace {

// meta := version (u32 BE) + last applied seq (u64 BE)
bool DecodeMeta(std::string_view bytes, ProjectionMeta* meta) {
  if (bytes.size() != 12) return false;
  meta->version = 0;
  for (size_t i = 0; i < 4; ++i) meta->version = meta->version << 8 | static_cast<uint8_t>(bytes[i]);
  meta->seq = keys::ReadBigEndian64(bytes.substr(4));
  return true;
}

// A projection being replayed, its overlay and the family it writes.
struct ReplayTarget {
  Projection* projection;
  StateOverlay* kv;
  rocksdb::ColumnFamilyHandle* cf;
};

// Applies events [from, head] to `targets` and records each target as finished at
// the head. Every row goes to the family's bulk loader: what the projections Append
// as it comes, what they Set when their overlay grows past limits.overlay_keys
// (then ingested at once, to be read back) and at the end. The WAL is off while
// replaying: a crash leaves the projection marked unfinished (version 0) and it is
// rebuilt again; the families are flushed before the finished mark is written.
Status ReplayInto(const Store& events, uint64_t from, rocksdb::DB* out, const std::vector<ReplayTarget>& targets,
                  const RebuildLimits& limits, FamilyAtStart at_start, const ProgressFn& progress,
                  ChainCheck* chain = nullptr) {
  uint64_t head = events.head().seq;
  std::vector<std::unique_ptr<BulkLoader>> loaders;
  for (const ReplayTarget& t : targets) loaders.push_back(std::make_unique<BulkLoader>(out, t.cf, limits.bulk, at_start));
  auto release_overlay = [&](size_t i) -> Status {
    RETURN_IF_ERROR(targets[i].kv->FlushInto(loaders[i].get()));
    targets[i].kv->Clear();
    return loaders[i]->Flush();  // readable before the next event reads it
  };
  uint64_t applied = 0;
  Status scanned = events.ForEach(from, 0, [&](const Event& e, std::string_view) -> Status {
    if (chain != nullptr) {
      Status linked = chain->Next(e);
      if (!linked.ok()) return linked;
    }
    for (size_t i = 0; i < targets.size(); ++i) {
      ProjectionSink sink(targets[i].kv, loaders[i].get());
      Status s = targets[i].projection->Apply(e, events, sink);
      if (!s.ok()) return s.WithContext("projection " + std::string(targets[i].projection->name()));
      if (targets[i].kv->size() > limits.overlay_keys) RETURN_IF_ERROR(release_overlay(i));
    }
    if (++applied % kRebuildProgressEvents == 0 && progress) progress(e.seq());
    return Status::Ok();
  });
  // Every loader's last file is written at once: what is left of a rebuild once its
  // last event is applied. Small tails go into one write instead.
  Status written = scanned;
  rocksdb::WriteBatch tails;
  for (size_t i = 0; written.ok() && i < loaders.size(); ++i) {
    written = targets[i].kv->FlushInto(loaders[i].get());
    if (written.ok()) written = loaders[i]->BeginFinish(&tails);
  }
  for (auto& loader : loaders) {
    Status last = loader->EndFinish();
    if (written.ok()) written = last;
  }
  std::vector<rocksdb::ColumnFamilyHandle*> families;
  for (const ReplayTarget& t : targets) families.push_back(t.cf);
  if (written.ok() && tails.Count() > 0) {
    rocksdb::WriteOptions no_wal;
    no_wal.disableWAL = true;
    std::optional<rocksdb::WriteBatch> sorted = SortedBatch(tails, families);
    written = FromRocks(out->Write(no_wal, sorted ? &*sorted : &tails), "writing a rebuilt projection");
  }
  for (const ReplayTarget& t : targets) t.kv->Clear();
  RETURN_IF_ERROR(written);
  RETURN_IF_ERROR(FromRocks(out->Flush(rocksdb::FlushOptions(), families), "flushing a rebuilt projection"));
  rocksdb::WriteBatch done;
  for (const ReplayTarget& t : targets) {
    RETURN_IF_ERROR(FromRocks(done.Put(t.cf, kProjectionMetaKey, EncodeProjectionMeta({t.projection->version(), head})),
                              "finishing"));
  }
  rocksdb::WriteOptions synced;
  synced.sync = true;
  return FromRocks(out->Write(synced, &done), "finishing the projections");
}

}  // namespace

std::string EncodeProjectionMeta(const ProjectionMeta& meta) {
  std::string out;
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>(meta.version >> shift));
  keys::PutBigEndian64(&out, meta.seq);
  return out;
}

std::vector<std::string> ProjectionColumnFamilies() {
  std::vector<std::string> names;
  for (const auto& p : AllProjections()) names.push_back(p->column_family());
  return names;
}

ProjectionSet::ProjectionSet(Store* store) : store_(store) {
  for (auto& p : AllProjections()) {
    auto entry = std::make_unique<Entry>();
    entry->cf = store->cf(p->column_family());
    entry->kv = std::make_unique<StateOverlay>(store->db(), entry->cf);
    entry->projection = std::move(p);
    entries_.push_back(std::move(entry));
  }
}

ProjectionSet::~ProjectionSet() = default;

Status ProjectionSet::OnEvent(const Event& event, rocksdb::WriteBatch* batch) {
  for (auto& e : entries_) {
    ProjectionSink sink(e->kv.get(), batch, e->cf);
    Status s = e->projection->Apply(event, *store_, sink);
    if (!s.ok()) return s.WithContext("projection " + std::string(e->projection->name()));
  }
  return Status::Ok();
}

Status ProjectionSet::OnBatchEnd(uint64_t last_seq, rocksdb::WriteBatch* batch) {
  for (auto& e : entries_) {
    // Rows read back (running totals, claim views) go into the batch once, as they
    // stand after its last event: flushed per event, an account's balance was written
    // once per posting, each a memtable insert.
    RETURN_IF_ERROR(e->kv->FlushInto(batch));
    std::string meta = EncodeProjectionMeta({e->projection->version(), last_seq});
    RETURN_IF_ERROR(FromRocks(batch->Put(e->cf, kProjectionMetaKey, meta), "staging a projection's position"));
  }
  return Status::Ok();
}

void ProjectionSet::OnAbort() {
  for (auto& e : entries_) e->kv->Clear();
}

void ProjectionSet::OnCommit() {
  for (auto& e : entries_) e->kv->Clear();
}

namespace {
Result<ProjectionMeta> ReadMeta(const Store& store, rocksdb::ColumnFamilyHandle* cf, std::string_view name) {
  std::string value;
  rocksdb::Status s = store.db()->Get({}, cf, kProjectionMetaKey, &value);
  if (s.IsNotFound()) return ProjectionMeta{};
  if (!s.ok()) return FromRocks(s, "reading projection " + std::string(name));
  ProjectionMeta meta;
  if (!DecodeMeta(value, &meta)) return Status::Corruption("projection " + std::string(name) + ": malformed position");
  return meta;
}
}  // namespace

Result<ProjectionMeta> ProjectionSet::Meta(const std::string& name) const {
  for (const auto& e : entries_) {
    if (e->projection->name() == name) return ReadMeta(*store_, e->cf, name);
  }
  return Status::NotFound("no projection named \"" + name + "\"");
}

Result<std::vector<std::string>> ProjectionsBehind(const Store& store) {
  std::vector<std::string> families = store.family_names();
  std::vector<std::string> behind;
  for (const auto& p : AllProjections()) {
    std::string cf(p->column_family());
    if (std::find(families.begin(), families.end(), cf) == families.end()) {
      behind.emplace_back(p->name());
      continue;
    }
    ASSIGN_OR_RETURN(ProjectionMeta meta, ReadMeta(store, store.cf(cf), p->name()));
    if (meta.version != p->version() || meta.seq != store.head().seq) behind.emplace_back(p->name());
  }
  return behind;
}

std::vector<std::string> ProjectionSet::Names() const {
  std::vector<std::string> names;
  for (const auto& e : entries_) names.emplace_back(e->projection->name());
  return names;
}

bool ProjectionSet::Has(const std::string& name) const {
  for (const auto& e : entries_) {
    if (e->projection->name() == name) return true;
  }
  return false;
}

Status ProjectionSet::Replay(std::vector<Entry*> entries, uint64_t from_seq, FamilyAtStart at_start,
                             const ProgressFn& progress) {
  rocksdb::WriteOptions synced;
  synced.sync = true;
  // Mark them unfinished first: a crash during the replay leads to a rebuild.
  rocksdb::WriteBatch mark;
  for (Entry* e : entries) {
    RETURN_IF_ERROR(FromRocks(mark.Put(e->cf, kProjectionMetaKey, EncodeProjectionMeta({0, 0})), "marking"));
  }
  RETURN_IF_ERROR(FromRocks(store_->db()->Write(synced, &mark), "marking projections unfinished"));
  std::vector<ReplayTarget> targets;
  for (Entry* e : entries) targets.push_back({e->projection.get(), e->kv.get(), e->cf});
  return ReplayInto(*store_, from_seq, store_->db(), targets, rebuild_limits_, at_start, progress);
}

Status ProjectionSet::Rebuild(const std::string& name, const ProgressFn& progress) {
  std::vector<Entry*> chosen;
  for (auto& e : entries_) {
    if (name.empty() || e->projection->name() == name) chosen.push_back(e.get());
  }
  if (chosen.empty()) return Status::NotFound("no projection named \"" + name + "\"");
  for (Entry* e : chosen) {
    ASSIGN_OR_RETURN(e->cf, store_->RecreateColumnFamily(e->projection->column_family()));
    e->kv = std::make_unique<StateOverlay>(store_->db(), e->cf);
  }
  return Replay(chosen, 1, FamilyAtStart::kEmpty, progress);
}

Result<int> ProjectionSet::CatchUp(const ProgressFn& progress) {
  uint64_t head = store_->head().seq;
  // Projections that stopped at the same seq catch up together; any other is rebuilt.
  std::map<uint64_t, std::vector<Entry*>> behind_by_seq;
  int touched = 0;
  for (auto& e : entries_) {
    std::string name(e->projection->name());
    ASSIGN_OR_RETURN(ProjectionMeta meta, Meta(name));
    if (meta.version != e->projection->version() || meta.seq > head) {
      RETURN_IF_ERROR(Rebuild(name, progress));
      ++touched;
    } else if (meta.seq < head) {
      behind_by_seq[meta.seq].push_back(e.get());
    }
  }
  for (auto& [seq, entries] : behind_by_seq) {
    RETURN_IF_ERROR(Replay(entries, seq + 1, FamilyAtStart::kMayHoldRows, progress));
    touched += static_cast<int>(entries.size());
  }
  return touched;
}

Status RebuildInto(const Store& events, rocksdb::DB* out,
                   const std::vector<rocksdb::ColumnFamilyHandle*>& families, const ProgressFn& progress,
                   ChainCheck* chain) {
  auto projections = AllProjections();
  if (families.size() != projections.size()) return Status::Internal("one family per projection");
  std::vector<std::unique_ptr<StateOverlay>> overlays;
  std::vector<ReplayTarget> targets;
  for (size_t i = 0; i < families.size(); ++i) {
    overlays.push_back(std::make_unique<StateOverlay>(out, families[i]));
    targets.push_back({projections[i].get(), overlays.back().get(), families[i]});
  }
  return ReplayInto(events, 1, out, targets, RebuildLimits{}, FamilyAtStart::kEmpty, progress, chain);
}

}  // namespace huzhu

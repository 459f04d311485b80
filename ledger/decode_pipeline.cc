#include "ledger/decode_pipeline.h"

#include <algorithm>

#include "events/codec.h"
#include "ledger/keys.h"

namespace huzhu {

struct DecodePipeline::Chunk {
  std::string arena;            // the records, back to back
  std::vector<uint64_t> seqs;   // the seq each record is stored under
  std::vector<size_t> ends;     // where each record ends in the arena
  std::vector<Event> events;    // decoded; reused from round to round
  size_t decoded = 0;           // events decoded and checked before any failure
  Status status;
  bool ready = false;

  std::string_view Record(size_t i) const {
    size_t begin = i == 0 ? 0 : ends[i - 1];
    return std::string_view(arena).substr(begin, ends[i] - begin);
  }
};

DecodePipeline::DecodePipeline(unsigned workers) {
  for (unsigned i = 0; i < std::min(workers, kDecodeWorkersMax); ++i) {
    threads_.emplace_back([this] { WorkerLoop(); });
  }
}

DecodePipeline::~DecodePipeline() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  work_cv_.notify_all();
  for (auto& t : threads_) t.join();
}

unsigned DecodePipeline::WorkersFor(uint64_t events) {
  if (events < 4 * kChunkEventsMax) return 0;  // Threads would cost more than they save.
  // The calling thread produces too when it would otherwise wait, so one core is already busy.
  unsigned cores = std::max(std::thread::hardware_concurrency(), 2u);
  return std::min(cores - 1, kDecodeWorkersMax);
}

// One Run's ring of chunks. Chunk k lives in ring[k % ring.size()]; chunks are
// claimed for reading in order (`filled`), and visited in order (`consumed`).
struct DecodePipeline::Scan {
  rocksdb::Iterator* it;
  std::vector<Chunk> ring;
  size_t filled = 0;
  size_t consumed = 0;
  bool reading = false;    // a producer is reading the iterator
  bool exhausted = false;  // nothing more to read: the iterator's end, a bad key, or the scan stopped
  int busy = 0;            // producers at work on a chunk of `ring`
};

bool DecodePipeline::CanProduce() const {
  return scan_ != nullptr && !scan_->reading && !scan_->exhausted &&
         scan_->filled - scan_->consumed < scan_->ring.size();
}

void DecodePipeline::WorkerLoop() {
  std::unique_lock lock(mu_);
  for (;;) {
    work_cv_.wait(lock, [&] { return stop_ || CanProduce(); });
    if (stop_) return;
    Produce(lock);
  }
}

void DecodePipeline::Produce(std::unique_lock<std::mutex>& lock) {
  Scan& scan = *scan_;
  Chunk* chunk = &scan.ring[scan.filled % scan.ring.size()];
  ++scan.filled;
  ++scan.busy;
  scan.reading = true;
  chunk->ready = false;
  lock.unlock();
  Status read = Fill(scan.it, chunk);
  bool more = read.ok() && scan.it->Valid();
  lock.lock();
  scan.reading = false;
  if (!more) scan.exhausted = true;
  lock.unlock();
  // The iterator is free for the next chunk: for a worker, or for the caller if it
  // is waiting for a chunk that is not ready.
  work_cv_.notify_one();
  done_cv_.notify_all();
  Decode(chunk);
  // The events read before a bad key are visited, then its error returned.
  if (chunk->status.ok()) chunk->status = read;
  lock.lock();
  chunk->ready = true;
  --scan.busy;
  done_cv_.notify_all();
}

void DecodePipeline::Decode(Chunk* chunk) {
  size_t n = chunk->seqs.size();
  if (chunk->events.size() < n) chunk->events.resize(n);
  chunk->status = Status::Ok();
  for (chunk->decoded = 0; chunk->decoded < n; ++chunk->decoded) {
    size_t i = chunk->decoded;
    uint64_t seq = chunk->seqs[i];
    Status s = DecodeEventInto(chunk->Record(i), &chunk->events[i]);
    if (s.ok() && chunk->events[i].seq() != seq) {
      s = Status::Corruption("its bytes say seq " + std::to_string(chunk->events[i].seq()));
    }
    if (!s.ok()) {
      chunk->status = s.WithContext("event " + std::to_string(seq));
      return;
    }
  }
}

Status DecodePipeline::Fill(rocksdb::Iterator* it, Chunk* chunk) {
  chunk->arena.clear();
  chunk->seqs.clear();
  chunk->ends.clear();
  for (; it->Valid() && chunk->seqs.size() < kChunkEventsMax; it->Next()) {
    rocksdb::Slice key = it->key();
    if (key.size() != 8) return Status::Corruption("an events key is not 8 bytes long");
    chunk->seqs.push_back(keys::SeqOfEventKey(std::string_view(key.data(), key.size())));
    chunk->arena.append(it->value().data(), it->value().size());
    chunk->ends.push_back(chunk->arena.size());
  }
  return Status::Ok();
}

Status DecodePipeline::Run(rocksdb::Iterator* it, const EventVisitor& visit) {
  Scan scan{it, std::vector<Chunk>(threads_.empty() ? 1 : kChunksInFlightMax)};
  scan.exhausted = !it->Valid();
  std::unique_lock lock(mu_);
  scan_ = &scan;
  work_cv_.notify_all();
  Status result;
  while (scan.consumed < scan.filled || !scan.exhausted) {
    Chunk* chunk = &scan.ring[scan.consumed % scan.ring.size()];
    if (scan.consumed == scan.filled || !chunk->ready) {
      // Rather than sleep while the next chunk is not ready, produce one here.
      if (CanProduce()) {
        Produce(lock);
      } else {
        done_cv_.wait(lock);
      }
      continue;
    }
    lock.unlock();
    Status s;
    for (size_t i = 0; i < chunk->decoded && s.ok(); ++i) s = visit(chunk->events[i], chunk->Record(i));
    if (s.ok()) s = chunk->status;
    lock.lock();
    ++scan.consumed;
    work_cv_.notify_one();  // its chunk is free again
    if (!s.ok()) {
      result = s;
      break;
    }
  }
  // No producer may still hold a chunk of `scan` when it goes.
  scan.exhausted = true;
  done_cv_.wait(lock, [&] { return scan.busy == 0; });
  scan_ = nullptr;
  lock.unlock();
  if (result.ok() && !it->status().ok()) return Status::Corruption("");  // Replaced by the caller's message.
  return result;
}

}  // namespace huzhu

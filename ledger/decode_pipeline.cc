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
  // The calling thread decodes too (WaitReady), so one core is already busy.
  unsigned cores = std::max(std::thread::hardware_concurrency(), 2u);
  return std::min(cores - 1, kDecodeWorkersMax);
}

void DecodePipeline::WorkerLoop() {
  for (;;) {
    Chunk* chunk = nullptr;
    {
      std::unique_lock lock(mu_);
      work_cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
      if (stop_) return;
      chunk = queue_.front();
      queue_.pop_front();
    }
    Decode(chunk);
    {
      std::lock_guard lock(mu_);
      chunk->ready = true;
    }
    done_cv_.notify_all();
  }
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
  chunk->ready = false;
  for (; it->Valid() && chunk->seqs.size() < kChunkEventsMax; it->Next()) {
    rocksdb::Slice key = it->key();
    if (key.size() != 8) return Status::Corruption("an events key is not 8 bytes long");
    chunk->seqs.push_back(keys::SeqOfEventKey(std::string_view(key.data(), key.size())));
    chunk->arena.append(it->value().data(), it->value().size());
    chunk->ends.push_back(chunk->arena.size());
  }
  return Status::Ok();
}

void DecodePipeline::Submit(Chunk* chunk) {
  if (threads_.empty()) {
    Decode(chunk);
    chunk->ready = true;
    return;
  }
  {
    std::lock_guard lock(mu_);
    queue_.push_back(chunk);
  }
  work_cv_.notify_one();
}

void DecodePipeline::WaitReady(Chunk* chunk) {
  std::unique_lock lock(mu_);
  // Rather than sleep while no worker has picked the chunk up yet, decode it here:
  // the calling thread is a worker too when it would otherwise wait.
  auto queued = std::find(queue_.begin(), queue_.end(), chunk);
  if (queued != queue_.end()) {
    queue_.erase(queued);
    lock.unlock();
    Decode(chunk);
    chunk->ready = true;
    return;
  }
  done_cv_.wait(lock, [&] { return chunk->ready; });
}

Status DecodePipeline::Run(rocksdb::Iterator* it, const EventVisitor& visit) {
  std::vector<Chunk> ring(threads_.empty() ? 1 : kChunksInFlightMax);
  // Whatever happens below, no worker may still hold a chunk of `ring` when it goes.
  auto drain = [&](size_t from, size_t to) {
    for (size_t k = from; k < to; ++k) WaitReady(&ring[k % ring.size()]);
  };
  size_t filled = 0, consumed = 0;
  while (true) {
    if (it->Valid() && filled - consumed < ring.size()) {
      Chunk* chunk = &ring[filled % ring.size()];
      Status s = Fill(it, chunk);
      if (!s.ok()) {
        drain(consumed, filled);
        return s;
      }
      Submit(chunk);
      ++filled;
      continue;
    }
    if (consumed == filled) break;
    Chunk* chunk = &ring[consumed % ring.size()];
    WaitReady(chunk);
    ++consumed;
    // The events decoded before a damaged one are visited, then its error returned.
    Status s;
    for (size_t i = 0; i < chunk->decoded && s.ok(); ++i) s = visit(chunk->events[i], chunk->Record(i));
    if (s.ok()) s = chunk->status;
    if (!s.ok()) {
      drain(consumed, filled);
      return s;
    }
  }
  if (!it->status().ok()) return Status::Corruption("");  // Replaced by the caller's message.
  return Status::Ok();
}

}  // namespace huzhu

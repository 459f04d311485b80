// DecodePipeline: reads event records from a RocksDB iterator and decodes and
// hash-checks them on worker threads, handing them back to the caller in seq order.
// Replay, verification and projection rebuilds all scan the whole ledger; reading,
// hashing and decoding cost more than a rebuild's caller can spare, so they run
// beside it while the order the caller sees stays the chain's order. Whoever takes
// the next chunk reads it from the iterator (one reader at a time, in order) and
// decodes it; the caller takes one too rather than wait idle.
#pragma once

#include <rocksdb/iterator.h>

#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "events/event.h"
#include "events/status.h"

namespace huzhu {

// Limits: events per chunk handed to a worker, and chunks in flight. Together they
// bound the pipeline's memory to about kChunksInFlightMax * kChunkEventsMax records.
constexpr size_t kChunkEventsMax = 1024;
constexpr size_t kChunksInFlightMax = 8;
constexpr unsigned kDecodeWorkersMax = 4;
static_assert(kChunksInFlightMax > kDecodeWorkersMax, "every worker needs a chunk to work on");

using EventVisitor = std::function<Status(const Event&, std::string_view record)>;

class DecodePipeline {
 public:
  // `workers` 0 decodes on the calling thread.
  explicit DecodePipeline(unsigned workers);
  ~DecodePipeline();
  DecodePipeline(const DecodePipeline&) = delete;
  DecodePipeline& operator=(const DecodePipeline&) = delete;

  // Visits every event the iterator yields from its current position (keys are
  // 8-byte big-endian seqs), in order. Stops at the first record that does not
  // decode or verify, or when `visit` fails, and returns that error.
  Status Run(rocksdb::Iterator* it, const EventVisitor& visit);

  // Workers worth using on this machine for a scan of `events` events.
  static unsigned WorkersFor(uint64_t events);

 private:
  struct Chunk;
  struct Scan;
  void WorkerLoop();
  // True when the Run in progress has a free chunk and nobody is reading the iterator.
  bool CanProduce() const;
  // Reads the next chunk from the iterator and decodes it. REQUIRES: `lock` holds
  // mu_ and CanProduce(); holds it again on return. The iterator is read without
  // the lock (only one producer reads at a time), the chunk decoded without it.
  void Produce(std::unique_lock<std::mutex>& lock);
  static Status Fill(rocksdb::Iterator* it, Chunk* chunk);
  static void Decode(Chunk* chunk);

  std::vector<std::thread> threads_;
  std::mutex mu_;
  std::condition_variable work_cv_;  // a chunk can be produced, or stop_
  std::condition_variable done_cv_;  // a chunk is ready, or a producer finished
  Scan* scan_ = nullptr;             // the Run in progress
  bool stop_ = false;
};

}  // namespace huzhu

// DecodePipeline: reads event records from a RocksDB iterator on the calling
// thread, decodes and hash-checks them on worker threads, and hands them back to
// the caller in seq order. Replay, verification and projection rebuilds all scan
// the whole ledger; hashing and decoding cost more than reading, so they are spread
// over the cores while the order the caller sees stays the chain's order.
#pragma once

#include <rocksdb/iterator.h>

#include <condition_variable>
#include <deque>
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
  void WorkerLoop();
  static void Decode(Chunk* chunk);
  Status Fill(rocksdb::Iterator* it, Chunk* chunk);
  void Submit(Chunk* chunk);
  void WaitReady(Chunk* chunk);

  std::vector<std::thread> threads_;
  std::mutex mu_;
  std::condition_variable work_cv_;
  std::condition_variable done_cv_;
  std::deque<Chunk*> queue_;
  bool stop_ = false;
};

}  // namespace huzhu

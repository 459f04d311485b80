// ChunkHelper: a second thread that takes chunks of its caller's job while the
// caller takes them too.
//
// The caller never waits for the helper to start. On this machine's two cores the
// second one is often busy with RocksDB's compactions; a job split in two halves
// (std::async) left the caller waiting for a half the helper had not begun, 8% of
// the national demo's recording thread. Here the caller takes chunks until none are
// left and then waits only for the chunks the helper has already taken.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "events/status.h"

namespace huzhu {

class ChunkHelper {
 public:
  ChunkHelper();
  ~ChunkHelper();  // joins the helper
  ChunkHelper(const ChunkHelper&) = delete;
  ChunkHelper& operator=(const ChunkHelper&) = delete;

  // Runs do_chunk(i) once for every i in [0, chunks), on the calling thread and the
  // helper, and returns when all are done: Ok, or the status of a chunk that failed.
  // do_chunk is called from both threads at once, for different chunks.
  // REQUIRES: one caller at a time.
  Status Run(size_t chunks, std::function<Status(size_t)> do_chunk);

  // Run in two steps, for work the caller wants done while it does something else
  // (reading ahead for its next command): Start hands the chunks to the helper alone;
  // Finish, later, takes the chunks the helper has not begun on the calling thread
  // and waits only for those it has. Finish it before starting another.
  class Started {
   private:
    friend class ChunkHelper;
    struct Job;
    std::shared_ptr<Job> job_;
  };
  Started Start(size_t chunks, std::function<Status(size_t)> do_chunk);
  Status Finish(Started started);

 private:
  using Job = Started::Job;
  void HelperLoop();

  std::mutex mu_;
  std::condition_variable wake_;
  std::shared_ptr<Job> posted_;  // the job the helper has not picked up yet
  bool stopping_ = false;
  std::thread helper_;
};

}  // namespace huzhu

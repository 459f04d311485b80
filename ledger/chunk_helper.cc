#include "ledger/chunk_helper.h"

namespace huzhu {

// Shared by the caller and the helper. The helper may pick a job up after the
// caller has returned (it was busy, or not scheduled): it then finds no chunk left
// and touches nothing of the caller's, only this job, which it keeps alive.
struct ChunkHelper::Started::Job {
  size_t chunks = 0;
  std::function<Status(size_t)> do_chunk;  // may refer to the caller's data: called only while chunks remain undone
  std::atomic<size_t> next{0};
  std::atomic<size_t> done{0};
  std::mutex error_mu;
  Status error;

  void Work() {
    for (size_t i = next.fetch_add(1); i < chunks; i = next.fetch_add(1)) {
      Status s = do_chunk(i);
      if (!s.ok()) {
        std::lock_guard lock(error_mu);
        if (error.ok()) error = std::move(s);
      }
      done.fetch_add(1);
      done.notify_all();
    }
  }

  void WaitUntilDone() {
    for (size_t seen = done.load(); seen < chunks; seen = done.load()) done.wait(seen);
  }
};

ChunkHelper::ChunkHelper() : helper_([this] { HelperLoop(); }) {}

ChunkHelper::~ChunkHelper() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_one();
  helper_.join();
}

void ChunkHelper::HelperLoop() {
  for (;;) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock lock(mu_);
      wake_.wait(lock, [this] { return stopping_ || posted_ != nullptr; });
      if (stopping_) return;
      job = std::move(posted_);
    }
    job->Work();
  }
}

Status ChunkHelper::Run(size_t chunks, std::function<Status(size_t)> do_chunk) {
  return Finish(Start(chunks, std::move(do_chunk)));
}

ChunkHelper::Started ChunkHelper::Start(size_t chunks, std::function<Status(size_t)> do_chunk) {
  Started started;
  started.job_ = std::make_shared<Job>();
  started.job_->chunks = chunks;
  started.job_->do_chunk = std::move(do_chunk);
  {
    std::lock_guard lock(mu_);
    posted_ = started.job_;
  }
  wake_.notify_one();
  return started;
}

Status ChunkHelper::Finish(Started started) {
  std::shared_ptr<Job> job = std::move(started.job_);
  job->Work();
  job->WaitUntilDone();
  {
    // A job the helper never picked up is withdrawn, so it does not wake for it.
    std::lock_guard lock(mu_);
    if (posted_ == job) posted_.reset();
  }
  std::lock_guard lock(job->error_mu);
  return job->error;
}

}  // namespace huzhu

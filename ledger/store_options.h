// How a store is opened. Plain struct; every field says its default and trade-off.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace huzhu {

struct StoreOptions {
  // Create an empty store when the directory holds none. Default false: a typo in
  // --data must not silently start a new, empty ledger.
  bool create_if_missing = false;

  // Open for reading only (auditors, reports). Several read-only opens may coexist
  // with one writer. Default false.
  bool read_only = false;

  // fsync the write-ahead log on every appended batch. Default true: an acknowledged
  // batch survives power loss. Turning it off is only for throwaway benchmarks.
  bool sync = true;

  // RocksDB block cache, shared by all column families (data, index and filter
  // blocks). Default 256 MiB: the memory the store may hold for reads, whatever the
  // ledger's size; the fund's state is read at random while commands are checked.
  size_t block_cache_bytes = 256u << 20;

  // RocksDB write buffer per column family. Default 64 MiB; all families' buffers
  // together are capped at half of block_cache_bytes and charged to the cache.
  size_t write_buffer_bytes = 64u << 20;

  // The events family's write buffer. Default 8 MiB, much smaller than the others:
  // events arrive in key order, so flushing them often costs no compaction (their
  // files move down the levels whole). When the buffers together reach their cap,
  // RocksDB flushes the family whose buffer is oldest, in turn; events, the largest
  // writer, held most of the cap, so the families written at random (the state, the
  // members' histories, the report) were flushed every few MiB, and compacting those
  // small files into their first level took a whole core at national scale.
  size_t events_write_buffer_bytes = 8u << 20;

  // Level-0 files a family gathers before they are merged into level 1. Default 12
  // (RocksDB's is 4). The fund's state and the projections are written at keys spread
  // over their whole range, so every flushed file overlaps all of level 1 and each
  // merge rewrites the whole of level 1 for the few files it takes in: taking three
  // times as many at once rewrites it a third as often (national demo: compaction 509
  // CPU-s against 915). Reads check more files for it (their filters stay pinned in
  // the cache). Writes slow down at 2.5 times this many files and stop at 4 times, as
  // at RocksDB's defaults (20 and 36 for 4); the events' files, which move down whole,
  // queue behind the longer merges and so get the same room.
  int level0_files_before_compaction = 12;

  // Compactions (RocksDB's low-priority pool) run at the lowest CPU priority (nice
  // 19) for the whole process. Default true: the writer is one thread and busy all
  // the time; on two cores, compactions at the same priority preempted it (a tenth
  // of its time waiting to run, national demo), while they only need to keep up.
  bool compaction_at_low_priority = true;

  // Column families the caller (the projections) owns, created when missing.
  std::vector<std::string> extra_column_families;

  // Families whose point reads mostly look for keys the memtable does not hold (a
  // record written long ago, or never): they get a bloom filter over the memtable's
  // keys, so those reads skip it. Every other family is written far more often than
  // it is read, and the filter would cost a hash and a cache miss per written row.
  // The idempotency family is always one.
  std::vector<std::string> point_read_families;
};

}  // namespace huzhu

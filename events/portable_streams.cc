#include "events/portable_streams.h"

#include <memory>
#include <streambuf>

#include "events/check.h"

namespace huzhu::portable {

namespace {

class StringStreambuf : public std::streambuf {
 public:
  void Reset(std::string* out) { out_ = out; }

 protected:
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    out_->append(s, static_cast<size_t>(n));
    return n;
  }
  int_type overflow(int_type c) override {
    if (c != traits_type::eof()) out_->push_back(static_cast<char>(c));
    return c;
  }

 private:
  std::string* out_ = nullptr;
};

struct ThreadStreams {
  SpanInputArchive reader;
  StringStreambuf write_buf;
  std::ostream out{&write_buf};
  std::unique_ptr<cereal::PortableBinaryOutputArchive> writer;
  std::string order_byte;  // what the writer put first when it was built
};

ThreadStreams& Streams() {
  thread_local ThreadStreams streams;
  return streams;
}

}  // namespace

cereal::PortableBinaryOutputArchive& BeginWrite(std::string* out) {
  ThreadStreams& s = Streams();
  if (!s.writer) {
    s.write_buf.Reset(&s.order_byte);
    s.writer = std::make_unique<cereal::PortableBinaryOutputArchive>(s.out);
    HUZHU_CHECK(s.order_byte.size() == 1);
  }
  *out += s.order_byte;
  s.write_buf.Reset(out);
  s.out.clear();
  return *s.writer;
}

void EndWrite() { Streams().write_buf.Reset(nullptr); }

SpanInputArchive* BeginRead(std::string_view bytes) {
  if (bytes.empty()) return nullptr;
  // What cereal's portable archive writes first: 1 for little-endian, 0 for big.
  auto order_byte = static_cast<uint8_t>(bytes[0]);
  if (order_byte > 1) return nullptr;
  bool little_endian_here = cereal::portable_binary_detail::is_little_endian();
  SpanInputArchive& reader = Streams().reader;
  reader.Reset(bytes.substr(1), (order_byte == 1) != little_endian_here);
  return &reader;
}

size_t ReadRemaining() { return Streams().reader.remaining(); }

}  // namespace huzhu::portable

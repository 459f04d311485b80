#include "events/portable_streams.h"

#include <cstring>
#include <memory>
#include <streambuf>

#include "events/check.h"

namespace huzhu::portable {

namespace {

class MemoryStreambuf : public std::streambuf {
 public:
  void Reset(std::string_view bytes) {
    char* begin = const_cast<char*>(bytes.data());  // Only ever read.
    setg(begin, begin, begin + bytes.size());
  }
  size_t remaining() const { return static_cast<size_t>(egptr() - gptr()); }

 protected:
  // One bounds check and a memcpy: cereal calls this for every field.
  std::streamsize xsgetn(char* s, std::streamsize n) override {
    std::streamsize take = std::min<std::streamsize>(n, egptr() - gptr());
    // Most fields are 1 to 8 bytes: fixed-size copies the compiler inlines.
    switch (take) {
      case 8: std::memcpy(s, gptr(), 8); break;
      case 4: std::memcpy(s, gptr(), 4); break;
      case 2: std::memcpy(s, gptr(), 2); break;
      case 1: *s = *gptr(); break;
      default: std::memcpy(s, gptr(), static_cast<size_t>(take));
    }
    gbump(static_cast<int>(take));
    return take;
  }
};

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
  MemoryStreambuf read_buf;
  std::istream in{&read_buf};
  StringStreambuf write_buf;
  std::ostream out{&write_buf};
  std::unique_ptr<cereal::PortableBinaryInputArchive> readers[2];  // by byte-order byte
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

cereal::PortableBinaryInputArchive* BeginRead(std::string_view bytes) {
  if (bytes.empty()) return nullptr;
  auto order_byte = static_cast<uint8_t>(bytes[0]);
  if (order_byte > 1) return nullptr;
  ThreadStreams& s = Streams();
  auto& reader = s.readers[order_byte];
  if (!reader) {
    char byte = static_cast<char>(order_byte);
    s.read_buf.Reset(std::string_view(&byte, 1));
    s.in.clear();
    reader = std::make_unique<cereal::PortableBinaryInputArchive>(s.in);
  }
  s.read_buf.Reset(bytes.substr(1));
  s.in.clear();
  return reader.get();
}

size_t ReadRemaining() { return Streams().read_buf.remaining(); }

}  // namespace huzhu::portable

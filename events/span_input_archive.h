// SpanInputArchive: cereal's portable binary input archive, reading from bytes in
// memory instead of a std::istream. It reads exactly what
// cereal::PortableBinaryInputArchive reads (the same load functions, the same
// byte swapping), through cereal's documented extension point for archives; only
// the source differs. Every field that archive reads goes through the stream
// buffer's virtual xsgetn, and a replay reads about twenty fields an event; here a
// field is a bounds check and a copy the compiler sees the size of.
//
// Unlike cereal's archive it reads no byte-order byte itself: the caller looks at
// that byte and says whether the record's byte order differs from this machine's.
#pragma once

#include <cereal/archives/portable_binary.hpp>
#include <cereal/cereal.hpp>

#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

namespace huzhu {

class SpanInputArchive : public cereal::InputArchive<SpanInputArchive, cereal::AllowEmptyClassElision> {
 public:
  SpanInputArchive() : cereal::InputArchive<SpanInputArchive, cereal::AllowEmptyClassElision>(this) {}

  // Reads `bytes` next (a record past its byte-order byte); `swap_bytes` when that
  // byte order is not this machine's.
  void Reset(std::string_view bytes, bool swap_bytes) {
    next_ = bytes.data();
    end_ = bytes.data() + bytes.size();
    swap_bytes_ = swap_bytes;
  }
  size_t remaining() const { return static_cast<size_t>(end_ - next_); }

  // Called by cereal's load functions below: `size` bytes of elements of DataSize
  // bytes each. Throws, as cereal's archive does, when fewer bytes are left.
  template <std::size_t DataSize>
  void loadBinary(void* data, std::size_t size) {
    if (size > remaining()) ThrowShort(size);
    std::memcpy(data, next_, size);
    next_ += size;
    if (swap_bytes_) {
      auto* bytes = static_cast<std::uint8_t*>(data);
      for (std::size_t i = 0; i < size; i += DataSize) cereal::portable_binary_detail::swap_bytes<DataSize>(bytes + i);
    }
  }

 private:
  // Out of line and cold, so that loadBinary stays small enough to inline.
  [[noreturn, gnu::cold, gnu::noinline]] void ThrowShort(std::size_t size) const {
    throw cereal::Exception("Failed to read " + std::to_string(size) + " bytes from input stream! Read " +
                            std::to_string(remaining()));
  }

  const char* next_ = nullptr;
  const char* end_ = nullptr;
  bool swap_bytes_ = false;
};

// The load functions of cereal::PortableBinaryInputArchive, for this archive.
template <class T>
std::enable_if_t<std::is_arithmetic_v<T>> CEREAL_LOAD_FUNCTION_NAME(SpanInputArchive& ar, T& t) {
  static_assert(!std::is_floating_point_v<T> || std::numeric_limits<T>::is_iec559,
                "portable binary only supports IEEE 754 floating point");
  ar.template loadBinary<sizeof(T)>(std::addressof(t), sizeof(t));
}

template <class T>
void CEREAL_SERIALIZE_FUNCTION_NAME(SpanInputArchive& ar, cereal::NameValuePair<T>& t) {
  ar(t.value);
}

template <class T>
void CEREAL_SERIALIZE_FUNCTION_NAME(SpanInputArchive& ar, cereal::SizeTag<T>& t) {
  ar(t.size);
}

template <class T>
void CEREAL_LOAD_FUNCTION_NAME(SpanInputArchive& ar, cereal::BinaryData<T>& bd) {
  using Element = std::remove_pointer_t<T>;
  static_assert(!std::is_floating_point_v<Element> || std::numeric_limits<Element>::is_iec559,
                "portable binary only supports IEEE 754 floating point");
  ar.template loadBinary<sizeof(Element)>(bd.data, static_cast<std::size_t>(bd.size));
}

}  // namespace huzhu

CEREAL_REGISTER_ARCHIVE(huzhu::SpanInputArchive)

// The output archive that writes what this one reads, as CEREAL_SETUP_ARCHIVE_TRAITS
// would declare it: cereal looks a type's save_minimal up through it to load the
// type. (That macro would also pair the output archive back with this one; it is
// paired with cereal's input archive already.)
namespace cereal::traits::detail {
template <>
struct get_output_from_input<huzhu::SpanInputArchive> {
  using type = PortableBinaryOutputArchive;
};
}  // namespace cereal::traits::detail

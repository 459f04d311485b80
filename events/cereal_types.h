// cereal serialization of our value types, shared by every archive of ours.
#pragma once

#include "events/time.h"

namespace huzhu {

template <class Archive>
void serialize(Archive& ar, Date& date) {
  ar(date.days);
}

}  // namespace huzhu

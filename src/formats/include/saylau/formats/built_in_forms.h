// The built-in protocol forms of Kazakh elections (data/forms/kz-forms.toml, compiled into the
// binary): what a contest that names no form gets. Read once, with the same code as a
// definition's [[forms]]; safe from any thread.
#pragma once

#include <vector>

#include "saylau/core/protocol_form.h"

namespace saylau::formats {

// The forms kz-referendum, kz-party-list, kz-district, kz-president, kz-senate and
// kz-rural-akim, in the file's order.
const std::vector<core::ProtocolForm>& BuiltInForms();

// The text they are read from (the TOML file as compiled in).
std::string_view BuiltInFormsText();

}  // namespace saylau::formats

// The built-in Kazakh protocol forms: data/forms/kz-forms.toml as a string (configured into
// kz_forms.inc by CMake), read by the definition loader's [[forms]] reader on first use.
#include "saylau/formats/built_in_forms.h"

#include "definition_internal.h"
#include "saylau/base/check.h"

namespace saylau::formats {
namespace {

constexpr std::string_view kKzFormsToml =
#include "kz_forms.inc"
    ;

std::vector<core::ProtocolForm> ReadBuiltInForms() {
  Diagnostics diagnostics;
  internal::TomlReader reader("kz-forms.toml", diagnostics);
  toml::table root;
  try {
    root = toml::parse(kKzFormsToml, std::string_view("kz-forms.toml"));
  } catch (const toml::parse_error& error) {  // the file is ours and compiled in: a bug
    throw InternalError("data/forms/kz-forms.toml is not valid TOML: " + std::string(error.description()));
  }
  std::vector<core::ProtocolForm> forms = internal::ReadForms(reader, root, {});
  if (!diagnostics.empty()) {
    throw InternalError("data/forms/kz-forms.toml: " + diagnostics.ToError().message);
  }
  return forms;
}

}  // namespace

const std::vector<core::ProtocolForm>& BuiltInForms() {
  static const std::vector<core::ProtocolForm> forms = ReadBuiltInForms();
  return forms;
}

std::string_view BuiltInFormsText() { return kKzFormsToml; }

}  // namespace saylau::formats

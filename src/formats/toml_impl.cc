// toml++'s implementation (parser, formatters), compiled once with the definitions of checked_toml.h.
#define TOML_IMPLEMENTATION
#include "checked_toml.h"

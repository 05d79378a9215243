// Acknowledgements written straight as JSON bytes, with no JSON tree: the answer to every signed
// submission (and each event of the stream) is built on the writer thread, once per submission.
// The bytes are exactly DumpJson(AckJson(...)) (views.h): keys in the order nlohmann's std::map
// keeps them, strings escaped as dump() escapes them (base/json_string.h); text that is not UTF-8
// goes through the tree, which replaces its bad bytes. ack_text_test compares the two.
#pragma once

#include <string>
#include <vector>

#include "saylau/service/results_service.h"

namespace saylau::server {

// DumpJson(AckJson(ack, log)).
std::string AckText(const service::Acknowledgement& ack, bool log = true);
// The body of AcknowledgementsResponse: {"acknowledgements": [...]} when `many`, else the one
// acknowledgement ("null" for none).
std::string AcknowledgementsText(const std::vector<service::Acknowledgement>& acks, bool many);

}  // namespace saylau::server

// Short names for Boost.Asio and Boost.Beast in the server's files and the client (internal).
#pragma once

#include <boost/asio.hpp>
#include <boost/beast.hpp>

namespace saylau::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

}  // namespace saylau::server

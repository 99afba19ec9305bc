#include "interop/forwarder.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>

namespace spbe::interop {
namespace {

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct ListDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

// One handle per worker thread, kept between requests: its connection cache keeps providers' connections alive.
CURL* ThreadHandle() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  thread_local std::unique_ptr<CURL, CurlDeleter> handle(curl_easy_init());
  return handle.get();
}

struct Exchange {
  const std::vector<Cidr>* allowed = nullptr;
  bool refused_address = false;
  std::size_t max_bytes = 0;
  bool too_large = false;
  Forwarded reply;
};

curl_socket_t OpenSocket(void* data, curlsocktype, struct curl_sockaddr* address) {
  auto* x = static_cast<Exchange*>(data);
  char text[INET6_ADDRSTRLEN] = {0};
  if (address->family == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(&address->addr)->sin_addr, text, sizeof text);
  } else if (address->family == AF_INET6) {
    inet_ntop(AF_INET6, &reinterpret_cast<sockaddr_in6*>(&address->addr)->sin6_addr, text, sizeof text);
  }
  if (text[0] == '\0' || !InAnyNetwork(*x->allowed, text)) {
    x->refused_address = true;
    return CURL_SOCKET_BAD;
  }
  return ::socket(address->family, address->socktype, address->protocol);
}

std::size_t Body(char* data, std::size_t size, std::size_t n, void* user) {
  auto* x = static_cast<Exchange*>(user);
  if (x->reply.body.size() + size * n > x->max_bytes) {
    x->too_large = true;
    return 0;
  }
  x->reply.body.append(data, size * n);
  return size * n;
}

std::size_t Header(char* data, std::size_t size, std::size_t n, void* user) {
  auto* x = static_cast<Exchange*>(user);
  std::string_view line(data, size * n);
  if (line.rfind("HTTP/", 0) == 0) {
    x->reply.headers.clear();  // a new response (after 100 Continue)
    return size * n;
  }
  auto colon = line.find(':');
  if (colon == std::string_view::npos) return size * n;
  std::string name(line.substr(0, colon));
  for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' '))
    value.remove_suffix(1);
  bool clean =
      std::all_of(value.begin(), value.end(), [](char ch) { return ch == '\t' || (ch >= 0x20 && ch != 0x7f); });
  if (clean && x->reply.headers.size() < 100) x->reply.headers.emplace_back(std::move(name), std::string(value));
  return size * n;
}

bool Connected(CURL* c) {
  curl_off_t connect_us = 0;
  curl_easy_getinfo(c, CURLINFO_CONNECT_TIME_T, &connect_us);
  return connect_us > 0;
}

}  // namespace

ForwardResult CurlForwarder::Send(const Forward& request) {
  ForwardResult out;
  CURL* c = ThreadHandle();
  if (!c) {
    out.detail = "curl_easy_init failed";
    return out;
  }
  curl_easy_reset(c);
  Exchange x;
  x.allowed = &allowed_;
  x.max_bytes = request.max_response_bytes;
  curl_slist* raw = curl_slist_append(nullptr, "Expect:");  // no 100-continue round trip
  raw = curl_slist_append(raw, "Accept-Encoding:");
  for (const auto& [k, v] : request.headers) raw = curl_slist_append(raw, (k + ": " + v).c_str());
  std::unique_ptr<curl_slist, ListDeleter> headers(raw);
  curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  if (request.method == "HEAD") curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
  if (!request.body.empty() || (request.method != "GET" && request.method != "HEAD")) {
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  }
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, Body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &x);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, Header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &x);
  curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, OpenSocket);
  curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, &x);
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_PROXY,
                   "");  // never through a proxy from the environment: the socket check sees the provider
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout_ms));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(std::min(request.timeout_ms, 5000)));
  curl_easy_setopt(c, CURLOPT_TCP_NODELAY, 1L);
  CURLcode rc = curl_easy_perform(c);
  if (rc == CURLE_OK) {
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    x.reply.status = static_cast<int>(status);
    out.reply = std::move(x.reply);
    return out;
  }
  out.detail = curl_easy_strerror(rc);
  if (x.refused_address) {
    out.failure = ForwardFailure::kRefusedAddress;
  } else if (x.too_large) {
    out.failure = ForwardFailure::kTooLarge;
  } else if (rc == CURLE_OPERATION_TIMEDOUT && Connected(c)) {
    out.failure =
        ForwardFailure::kTimeout;  // connected, then no answer in time (a connect that timed out is unreachable)
  } else {
    out.failure = ForwardFailure::kUnreachable;
  }
  return out;
}

}  // namespace spbe::interop

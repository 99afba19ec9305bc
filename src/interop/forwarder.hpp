#pragma once
/// The bus's HTTP client to providers (libcurl): one handle per worker thread so connections to providers stay
/// alive between calls; no redirect followed; a socket opened only to an address inside the allowed networks, checked
/// for every connection (so a name that resolves elsewhere later is refused too).

#include <vector>

#include "interop/ports.hpp"
#include "platform/cidr.hpp"

namespace spbe::interop {

class CurlForwarder final : public Forwarder {
 public:
  explicit CurlForwarder(std::vector<Cidr> allowed) : allowed_(std::move(allowed)) {}
  ForwardResult Send(const Forward& request) override;

 private:
  std::vector<Cidr> allowed_;
};

}  // namespace spbe::interop

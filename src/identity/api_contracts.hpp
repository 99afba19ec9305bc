#pragma once
/// Contract types and helpers shared by the identity API's files (api.cpp, api_me.cpp, api_officers.cpp).

#include <boost/json.hpp>
#include <string>

#include "http/contract.hpp"
#include "http/message.hpp"

namespace spbe::identity::api_detail {

/// A second factor's secret, shown once: at activation, or when the account starts setting it up.
struct TotpSecret {
  std::string secret;
  std::string otpauth_uri;
  static boost::json::object Notes() {
    return {{"secret", {{"description", "Base32, to type into an authenticator app"}}},
            {"otpauth_uri", {{"description", "otpauth:// URI, to show as a QR code"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(TotpSecret, (), (secret, otpauth_uri))

inline http::Response NoContent() {
  http::Response r;
  r.status = 204;
  return r;
}

}  // namespace spbe::identity::api_detail

#pragma once
/// The other half of spbe-mail-sink: an SMS/WhatsApp gateway on loopback speaking the platform's gateway protocol
/// (platform/text_gateway.hpp). It checks the bearer token, keeps what it accepts, answers a reference it has seen
/// with the first answer (so a retried message is kept once), and can be told to refuse the next messages.

#include <atomic>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

#include "http/router.hpp"

namespace spbe::mailsink {

struct ReceivedText {
  long long id = 0;
  std::string channel, to, text, reference, received_at;
};

class TextSink {
 public:
  explicit TextSink(std::string token, std::size_t keep = 1000) : token_(std::move(token)), keep_(keep) {}

  /// POST /gateway/messages (the protocol) and GET /texts.json (what arrived, newest first; ?to= filters).
  void Register(http::Router& router);

  /// Newest first; only those to `to` (E.164) when it is not empty.
  std::vector<ReceivedText> Messages(const std::string& to = "") const;
  /// Answers the next `n` messages with 503.
  void RefuseNext(int n) { refuse_next_ = n; }
  /// How many posts carried a reference already kept (retries the sink absorbed).
  int Duplicates() const { return duplicates_; }

 private:
  std::string token_;
  std::size_t keep_;
  std::atomic<int> refuse_next_{0};
  std::atomic<int> duplicates_{0};
  mutable std::mutex mu_;
  std::deque<ReceivedText> texts_;
  long long next_id_ = 1;
};

}  // namespace spbe::mailsink

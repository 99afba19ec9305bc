#pragma once
// Waiting in a test: for a condition, with a deadline generous enough for a loaded 2-core machine under ASan, never
// for a fixed time that assumes a fast one.

#include <chrono>
#include <thread>

namespace spbe::testing {

/// How long a test waits for something that normally takes milliseconds before it calls it missing.
inline constexpr std::chrono::seconds kPatience{60};

/// Calls `f` until its result converts to true (a non-empty container: see NonEmpty) or `within` has passed; returns
/// the last result, so the caller's assertion shows what was there.
template <typename F>
auto Eventually(F f, std::chrono::milliseconds within = kPatience,
                std::chrono::milliseconds poll = std::chrono::milliseconds(50)) {
  auto deadline = std::chrono::steady_clock::now() + within;
  for (;;) {
    auto v = f();
    if (static_cast<bool>(v) || std::chrono::steady_clock::now() >= deadline) return v;
    std::this_thread::sleep_for(poll);
  }
}

/// Calls `f` until it returns a non-empty container or `within` has passed; returns the last result.
template <typename F>
auto EventuallyNonEmpty(F f, std::chrono::milliseconds within = kPatience) {
  auto deadline = std::chrono::steady_clock::now() + within;
  for (;;) {
    auto v = f();
    if (!v.empty() || std::chrono::steady_clock::now() >= deadline) return v;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace spbe::testing

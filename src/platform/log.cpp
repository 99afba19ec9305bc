#include "platform/log.hpp"

#include <fmt/format.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdlib>
#include <ctime>
#include <iterator>
#include <mutex>
#include <string>
#include <thread>
#include <type_traits>

namespace spbe::log {
namespace {

std::atomic<Level> g_min_level{Level::kInfo};

/// Standard output written in batches. The thread that logs appends its line to a shared buffer (a short copy under
/// a mutex); a writer thread of the sink's own writes the buffer out in one write(2) every 100 ms, or at once when it
/// passes 64 KiB. A flush (after a warning or an error, at exit, or when a script waits for "listening") writes
/// everything buffered before it returns. Order is kept: every write takes the buffer whole, under one write mutex.
///
/// spdlog's own stdout sink flushes after every line, and its asynchronous logger wakes its thread for every line:
/// one write(2) and one futex wake per request, which the /healthz profile showed costing a quarter of the server's
/// throughput. Lines are formatted by our own code ("%v" is the only pattern), so the sink writes the payload as it
/// is and takes no formatter.
class BatchedStdoutSink final : public spdlog::sinks::sink {
 public:
  BatchedStdoutSink() : writer_([this] { Run(); }) {}
  ~BatchedStdoutSink() override {
    {
      std::lock_guard lock(buffer_mu_);
      stopping_ = true;
    }
    wake_.notify_one();
    writer_.join();
    WriteOut();
  }

  void log(const spdlog::details::log_msg& msg) override {
    bool full = false;
    {
      std::lock_guard lock(buffer_mu_);
      buffer_.append(msg.payload.data(), msg.payload.size());
      buffer_.push_back('\n');
      full = buffer_.size() >= kBatch;
    }
    if (!full) return;
    wake_.notify_one();
    // A writer that cannot keep up (a stalled pipe) makes the callers wait rather than lose lines or grow without end.
    std::size_t size = 0;
    {
      std::lock_guard lock(buffer_mu_);
      size = buffer_.size();
    }
    if (size >= kLimit) WriteOut();
  }
  void flush() override { WriteOut(); }
  void set_pattern(const std::string&) override {}
  void set_formatter(std::unique_ptr<spdlog::formatter>) override {}

 private:
  static constexpr std::size_t kBatch = 64 * 1024;
  static constexpr std::size_t kLimit = 4 * 1024 * 1024;

  void Run() {
    std::unique_lock lock(buffer_mu_);
    while (!stopping_) {
      wake_.wait_for(lock, std::chrono::milliseconds(100), [&] { return stopping_ || buffer_.size() >= kBatch; });
      lock.unlock();
      WriteOut();
      lock.lock();
    }
  }

  void WriteOut() {
    std::lock_guard write_lock(write_mu_);
    {
      std::lock_guard lock(buffer_mu_);
      if (buffer_.empty()) return;
      std::swap(buffer_, out_);
    }
    std::size_t done = 0;
    while (done < out_.size()) {
      ssize_t n = ::write(STDOUT_FILENO, out_.data() + done, out_.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;  // stdout closed or failing: the lines are lost, as they were with stdio
      done += static_cast<std::size_t>(n);
    }
    out_.clear();
  }

  std::mutex write_mu_;   // taken first: one write at a time, in the order the lines were buffered
  std::mutex buffer_mu_;  // then this, briefly
  std::condition_variable wake_;
  std::string buffer_, out_;
  bool stopping_ = false;
  std::thread writer_;  // last: started once everything it reads exists
};

/// Lines are formatted by the thread that logs (a few hundred nanoseconds, no JSON tree) and handed to the batched
/// sink above, so a request never waits on standard output (a slow pipe, a full disk) unless megabytes are already
/// waiting. Warnings and errors are written at once, with every line before them; info lines within 100 ms. A
/// SIGKILL may lose up to 100 ms of access log, never a warning.
spdlog::logger& Logger() {
  // Never destroyed: threads may still log while statics are torn down at exit. What is buffered is written by the
  // handler registered once the logger exists (so it runs before anything constructed earlier is destroyed).
  static spdlog::logger* logger = [] {
    auto* l = new spdlog::logger("spbe", std::make_shared<BatchedStdoutSink>());
    l->set_level(spdlog::level::trace);
    l->flush_on(spdlog::level::warn);
    return l;
  }();
  static const bool flushed_at_exit = std::atexit([] { logger->flush(); }) == 0;
  (void)flushed_at_exit;
  return *logger;
}

const char* Name(Level l) {
  switch (l) {
    case Level::kDebug:
      return "debug";
    case Level::kInfo:
      return "info";
    case Level::kWarn:
      return "warn";
    case Level::kError:
      return "error";
  }
  return "info";
}

/// `text` as a JSON string, quotes included.
void AppendJsonString(std::string& out, std::string_view text) {
  out.push_back('"');
  // Runs that need no escaping (nearly all of every line) are appended whole.
  auto plain = [](char c) { return c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20; };
  while (!text.empty()) {
    std::size_t run = 0;
    while (run < text.size() && plain(text[run])) ++run;
    out.append(text.data(), run);
    text.remove_prefix(run);
    if (text.empty()) break;
    char c = text.front();
    text.remove_prefix(1);
    auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else {
      fmt::format_to(std::back_inserter(out), "\\u{:04x}", u);
    }
  }
  out.push_back('"');
}

/// "2026-12-03T11:53:36.123Z", the seconds formatted once per second per thread.
void AppendTimestamp(std::string& out) {
  thread_local std::time_t cached_at = -1;
  thread_local char prefix[32];
  auto now = std::chrono::system_clock::now();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  if (secs != cached_at) {
    std::tm tm{};
    gmtime_r(&secs, &tm);
    std::strftime(prefix, sizeof prefix, "%Y-%m-%dT%H:%M:%S", &tm);
    cached_at = secs;
  }
  int milli = static_cast<int>(ms % 1000);
  char tail[] = {'.', static_cast<char>('0' + milli / 100), static_cast<char>('0' + milli / 10 % 10),
                 static_cast<char>('0' + milli % 10), 'Z'};
  out += prefix;
  out.append(tail, sizeof tail);
}

void Emit(Level level, std::string_view msg, std::initializer_list<Field> fields) {
  std::string line;
  line.reserve(160);
  line += "{\"ts\":\"";
  AppendTimestamp(line);
  line += "\",\"level\":\"";
  line += Name(level);
  line += "\",\"msg\":";
  AppendJsonString(line, msg);
  for (const auto& f : fields) {
    line.push_back(',');
    AppendJsonString(line, f.key);
    line.push_back(':');
    std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::string_view>) {
            AppendJsonString(line, v);
          } else if constexpr (std::is_same_v<T, bool>) {
            line += v ? "true" : "false";
          } else if constexpr (std::is_same_v<T, double>) {
            if (std::isfinite(v)) {
              fmt::format_to(std::back_inserter(line), "{}", v);
            } else {
              line += "null";
            }
          } else {
            char digits[24];
            auto end = std::to_chars(digits, digits + sizeof digits, v).ptr;
            line.append(digits, end);
          }
        },
        f.value);
  }
  line.push_back('}');
  switch (level) {
    case Level::kDebug:
      Logger().debug(line);
      break;
    case Level::kInfo:
      Logger().info(line);
      break;
    case Level::kWarn:
      Logger().warn(line);
      break;
    case Level::kError:
      Logger().error(line);
      break;
  }
}

}  // namespace

void SetLevel(std::string_view level) {
  g_min_level = level == "debug"   ? Level::kDebug
                : level == "warn"  ? Level::kWarn
                : level == "error" ? Level::kError
                                   : Level::kInfo;
}

void Write(Level level, std::string_view msg, std::initializer_list<Field> fields) {
  if (level < g_min_level.load(std::memory_order_relaxed)) return;
  Emit(level, msg, fields);
}

void Announce(std::string_view msg, std::initializer_list<Field> fields) {
  Emit(Level::kInfo, msg, fields);
  Logger().flush();  // scripts wait for this line
}

void Flush() { Logger().flush(); }

}  // namespace spbe::log

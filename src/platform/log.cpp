#include "platform/log.hpp"

#include <fmt/format.h>
#include <spdlog/async.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <cerrno>
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

/// Lines are formatted by the thread that logs (a few hundred nanoseconds, no JSON tree) and handed to spdlog's
/// asynchronous logger: its own thread writes them to standard output, so a request never waits on it (a slow pipe,
/// a full disk). When the queue is full the caller waits rather than lose lines. Info lines are flushed every
/// second, warnings and errors at once (still in order with what came before them); a SIGKILL may lose up to a
/// second of access log, never a warning that was flushed.
spdlog::logger& Logger() {
  static std::shared_ptr<spdlog::logger> logger = [] {
    spdlog::init_thread_pool(16384, 1);
    auto l = std::make_shared<spdlog::async_logger>("spbe", std::make_shared<spdlog::sinks::stdout_sink_mt>(),
                                                    spdlog::thread_pool(), spdlog::async_overflow_policy::block);
    l->set_pattern("%v");
    l->set_level(spdlog::level::trace);
    l->flush_on(spdlog::level::warn);
    spdlog::register_logger(l);
    spdlog::flush_every(std::chrono::seconds(1));
    // The queue is written out at exit, whatever thread calls exit.
    std::atexit([] { spdlog::shutdown(); });
    return l;
  }();
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
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (u < 0x20) {
      fmt::format_to(std::back_inserter(out), "\\u{:04x}", u);
    } else {
      out.push_back(c);
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
  fmt::format_to(std::back_inserter(out), "{}.{:03d}Z", prefix, static_cast<int>(ms % 1000));
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
            fmt::format_to(std::back_inserter(line), "{}", v);
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

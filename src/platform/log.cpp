#include "platform/log.hpp"

#include <fmt/chrono.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <atomic>
#include <boost/json.hpp>
#include <chrono>

namespace spbe::log {
namespace {

std::atomic<Level> g_min_level{Level::kInfo};

spdlog::logger& Logger() {
  // spdlog's stdout sink is thread-safe and writes whole lines. Info lines (one per request) are buffered and
  // flushed every second, so a busy server does not pay a write(2) per request; warnings and errors are flushed
  // at once. A SIGKILL may lose up to a second of access log, never a warning.
  static std::shared_ptr<spdlog::logger> logger = [] {
    auto l = std::make_shared<spdlog::logger>("spbe", std::make_shared<spdlog::sinks::stdout_sink_mt>());
    l->set_pattern("%v");
    l->set_level(spdlog::level::trace);
    l->flush_on(spdlog::level::warn);
    spdlog::register_logger(l);
    spdlog::flush_every(std::chrono::seconds(1));
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

}  // namespace

void SetLevel(std::string_view level) {
  g_min_level = level == "debug"   ? Level::kDebug
                : level == "warn"  ? Level::kWarn
                : level == "error" ? Level::kError
                                   : Level::kInfo;
}

namespace {

void Emit(Level level, std::string_view msg, std::initializer_list<Field> fields) {
  auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  boost::json::object o;
  o["ts"] = fmt::format("{:%Y-%m-%dT%H:%M:%S}Z", now);
  o["level"] = Name(level);
  o["msg"] = msg;
  for (const auto& f : fields) {
    std::visit([&](const auto& v) { o[f.key] = v; }, f.value);
  }
  std::string line = boost::json::serialize(o);
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

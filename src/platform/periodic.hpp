#pragma once
/// A background task run every `interval` on its own thread until stopped (deadline sweeps and the like). The task
/// must be safe to run in several processes at once: it claims its work in the database.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace spbe {

class PeriodicTask {
 public:
  PeriodicTask(std::chrono::milliseconds interval, std::function<void()> task)
      : interval_(interval), task_(std::move(task)) {}
  ~PeriodicTask() { Stop(); }
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

  void Start() {
    thread_ = std::thread([this] {
      std::unique_lock lock(mu_);
      while (!stop_) {
        lock.unlock();
        task_();
        lock.lock();
        ++passes_;
        done_.notify_all();
        cv_.wait_for(lock, interval_, [this] { return stop_; });
      }
    });
  }
  /// Blocks until the task has run once since Start() (or it was stopped): a caller that must not race the first
  /// pass, such as a test setting up rows the sweep would claim, waits here.
  void AwaitFirstPass() {
    std::unique_lock lock(mu_);
    done_.wait(lock, [this] { return passes_ > 0 || stop_ || !thread_.joinable(); });
  }
  void Stop() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    done_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

 private:
  std::chrono::milliseconds interval_;
  std::function<void()> task_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::condition_variable done_;
  bool stop_ = false;
  long passes_ = 0;
  std::thread thread_;
};

}  // namespace spbe

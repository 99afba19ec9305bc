#include "storage/statements.hpp"

#include <soci/sqlite3/soci-sqlite3.h>

namespace spbe::storage {
namespace {

thread_local Statements* t_current = nullptr;

// Statements are constants, so a connection keeps a few dozen; a text that varies would grow without end, and is
// dropped with the rest at this bound.
constexpr std::size_t kMostKept = 512;

}  // namespace

bool IsSqlite(soci::session& s) { return s.get_backend_name() == "sqlite3"; }

namespace detail {

void Prepared::Reset() {
  if (!sqlite_ || !st_) return;
  auto* backend = static_cast<soci::sqlite3_statement_backend*>(st_->get_backend());
  if (backend && backend->stmt_) sqlite_api::sqlite3_reset(backend->stmt_);
}

}  // namespace detail

detail::Prepared* Statements::Find(std::string_view sql, const std::type_info& type) const {
  auto it = kept_.find(sql);
  // Busy: the same text run again from inside a ForEachRow over it gets a statement of its own.
  if (it == kept_.end() || *it->second.type != type || it->second.prepared->busy) return nullptr;
  return it->second.prepared.get();
}

void Statements::Keep(std::string_view sql, const std::type_info& type, std::unique_ptr<detail::Prepared>& p) {
  if (kept_.size() >= kMostKept) std::erase_if(kept_, [](const auto& e) { return !e.second.prepared->busy; });
  auto found = kept_.find(sql);
  if (found != kept_.end() && found->second.prepared->busy) return;  // the caller runs its own, once
  auto& e = kept_[std::string(sql)];
  e.type = &type;
  e.prepared = std::move(p);
}

void Statements::Discard(const detail::Prepared* p) {
  for (auto it = kept_.begin(); it != kept_.end(); ++it) {
    if (it->second.prepared.get() != p) continue;
    discarded_.push_back(std::move(it->second.prepared));
    kept_.erase(it);
    return;
  }
}

StatementsScope::StatementsScope(Statements& statements) : previous_(t_current) { t_current = &statements; }
StatementsScope::~StatementsScope() { t_current = previous_; }

Statements* StatementsFor(soci::session& s) { return t_current && &t_current->session() == &s ? t_current : nullptr; }

}  // namespace spbe::storage

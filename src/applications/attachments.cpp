// Attachments: a file attached to a draft or returned file's field, and an attachment's bytes read back for those
// who may see the file.
#include <boost/json.hpp>

#include "applications/service.hpp"
#include "applications/service_detail.hpp"
#include "audit/audit.hpp"
#include "platform/blobs.hpp"
#include "platform/crypto.hpp"
#include "platform/i18n.hpp"
#include "platform/log.hpp"

namespace spbe::applications {
namespace {

namespace json = boost::json;
using catalog::FieldType;
using detail::CheckFile;
using detail::FileEvent;
using detail::NotFound;
using detail::StateDigest;

}  // namespace

Result<FileRow> ApplicationsService::Upload(const access::Actor& actor, std::string_view tracking_number,
                                            std::string_view field, std::string_view file_name, std::string_view bytes,
                                            std::string_view lang) {
  auto l = Load(actor, tracking_number, lang);
  if (!l.ok()) return l.error();
  if (l->row.applicant_id != actor.account_id) return NotFound(lang);
  if (l->row.status != StatusName(FileStatus::kDraft) && l->row.status != StatusName(FileStatus::kReturned)) {
    return Error::Of(ErrorCode::kConflict, i18n::Tr(lang, "applications_attach_only_draft_or_returned"));
  }
  const catalog::FormField* f = l->service.definition.form.Find(field);
  if (!f || f->type != FieldType::kFile) {
    return Error::Validation({{"field", i18n::Tr(lang, "applications_not_file_field")}});
  }
  if (auto wrong = CheckFile(*f, bytes, lang)) return Error::Validation({std::move(*wrong)});
  auto kind = catalog::SniffFileKind(bytes);
  // Content addressed, written and synced before the row that points at it commits.
  auto stored = StoreBlob(options_.files_dir, bytes);
  if (!stored.ok()) return stored.error();
  std::string sha = *stored;
  std::string now = FormatUtc(clock_());
  std::string name(file_name.substr(0, 200));
  if (name.empty()) name = f->name;
  return db_.WriteReturning<FileRow>([&](soci::session& s) -> Result<FileRow> {
    auto row = store_.LockByTrackingNumber(s, l->row.tracking_number);
    if (!row) return NotFound(lang);
    FileRow file{
        0,   row->id, f->name, name, std::string(catalog::FileKindName(*kind)), static_cast<std::int64_t>(bytes.size()),
        sha, now};
    file.id = store_.AddFile(s, file);
    auto data = vault_.Open(row->data_sealed);
    json::object o = data.ok() ? json::parse(*data).as_object() : json::object{};
    std::string before = StateDigest(*row);
    o[f->name] = file.id;
    row->data_sealed = vault_.Seal(json::serialize(o));
    row->updated_at = now;
    store_.Update(s, *row);
    audit::Record(s, actor, FileEvent("upload", *row, before, audit::Digest(sha)), now);
    return file;
  });
}

Result<std::pair<FileRow, std::string>> ApplicationsService::ReadFile(const access::Actor& actor,
                                                                      std::string_view tracking_number,
                                                                      std::int64_t file_id, std::string_view lang) {
  auto l = Load(actor, tracking_number, lang);
  if (!l.ok()) return l.error();
  for (const auto& f : l->files) {
    if (f.id != file_id) continue;
    auto read = ReadBlob(options_.files_dir, f.sha256);
    if (!read) return Error::Of(ErrorCode::kUnavailable, "the file cannot be read");
    std::string bytes = std::move(*read);
    if (crypto::Sha256Hex(bytes) != f.sha256) {
      log::Error("attachment does not match its hash", {{"sha256", f.sha256}});
      return Error::Of(ErrorCode::kInternal, "the stored file is damaged");
    }
    return std::make_pair(f, std::move(bytes));
  }
  return Error::Of(ErrorCode::kNotFound, i18n::Tr(lang, "applications_file_not_found"));
}

}  // namespace spbe::applications

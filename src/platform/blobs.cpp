#include "platform/blobs.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>

#include "platform/crypto.hpp"

namespace spbe {

namespace fs = std::filesystem;

Result<std::string> StoreBlob(const std::string& dir_name, std::string_view bytes) {
  std::string sha = crypto::Sha256Hex(bytes);
  fs::path dir = fs::path(dir_name) / sha.substr(0, 2);
  fs::path path = dir / sha;
  std::error_code ec;
  if (fs::create_directories(dir, ec)) fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  if (fs::exists(path)) return sha;
  fs::path tmp = path;
  tmp += ".tmp" + crypto::RandomHex(4);
  {
    std::ofstream out(tmp, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) return Error::Of(ErrorCode::kUnavailable, "cannot store the file");
  }
  // Citizens' documents: readable by the server's own user only, whatever the umask.
  fs::permissions(tmp, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace, ec);
  if (ec) return Error::Of(ErrorCode::kUnavailable, "cannot protect the file");
  if (!crypto::SyncFile(tmp.string())) return Error::Of(ErrorCode::kUnavailable, "cannot sync the file");
  fs::rename(tmp, path, ec);
  if (ec) return Error::Of(ErrorCode::kUnavailable, "cannot store the file");
  crypto::SyncFile(dir.string());
  return sha;
}

std::optional<std::string> ReadBlob(const std::string& dir, const std::string& sha256) {
  if (sha256.size() < 2) return std::nullopt;
  std::ifstream in(fs::path(dir) / sha256.substr(0, 2) / sha256, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace spbe

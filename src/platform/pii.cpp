#include "platform/pii.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

namespace spbe {

Result<PiiVault> PiiVault::OpenOrCreate(const std::string& key_file) {
  PiiVault v;
  unsigned char key[64];
  int fd = ::open(key_file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT) {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(key_file).parent_path(), ec);
    randombytes_buf(key, sizeof key);
    // O_EXCL: two processes starting at once never overwrite each other's key.
    int out = ::open(key_file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (out >= 0) {
      bool ok = ::write(out, key, sizeof key) == static_cast<ssize_t>(sizeof key) && ::fsync(out) == 0;
      ::close(out);
      if (!ok) return Error::Of(ErrorCode::kUnavailable, "cannot write the personal-data key " + key_file);
    }
    fd = ::open(key_file.c_str(), O_RDONLY | O_CLOEXEC);
  }
  if (fd < 0) {
    return Error::Of(ErrorCode::kUnavailable,
                     "cannot read the personal-data key " + key_file + ": " + std::strerror(errno));
  }
  struct stat st {};
  ::fstat(fd, &st);
  ssize_t n = ::read(fd, key, sizeof key);
  ::close(fd);
  if (n != static_cast<ssize_t>(sizeof key)) {
    return Error::Of(ErrorCode::kUnavailable, "the personal-data key " + key_file + " is not 64 bytes");
  }
  if ((st.st_mode & 077) != 0) {
    return Error::Of(ErrorCode::kUnavailable,
                     "the personal-data key " + key_file + " is readable by others: chmod 600 it");
  }
  std::memcpy(v.seal_key_.data(), key, 32);
  std::memcpy(v.index_key_.data(), key + 32, 32);
  sodium_memzero(key, sizeof key);
  return v;
}

PiiVault::~PiiVault() {
  sodium_memzero(seal_key_.data(), seal_key_.size());
  sodium_memzero(index_key_.data(), index_key_.size());
}

PiiVault::PiiVault(PiiVault&& o) noexcept : seal_key_(o.seal_key_), index_key_(o.index_key_) {
  sodium_memzero(o.seal_key_.data(), o.seal_key_.size());
  sodium_memzero(o.index_key_.data(), o.index_key_.size());
}

PiiVault& PiiVault::operator=(PiiVault&& o) noexcept {
  seal_key_ = o.seal_key_;
  index_key_ = o.index_key_;
  sodium_memzero(o.seal_key_.data(), o.seal_key_.size());
  sodium_memzero(o.index_key_.data(), o.index_key_.size());
  return *this;
}

std::string PiiVault::Seal(std::string_view plaintext) const {
  constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  std::vector<unsigned char> out(kNonce + plaintext.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES);
  randombytes_buf(out.data(), kNonce);
  unsigned long long clen = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(out.data() + kNonce, &clen,
                                             reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                                             nullptr, 0, nullptr, out.data(), seal_key_.data());
  std::string b64(sodium_base64_ENCODED_LEN(kNonce + clen, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(b64.data(), b64.size(), out.data(), kNonce + clen, sodium_base64_VARIANT_ORIGINAL);
  b64.pop_back();  // the terminating NUL
  return b64;
}

Result<std::string> PiiVault::Open(std::string_view sealed) const {
  constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  std::vector<unsigned char> bin(sealed.size());
  std::size_t len = 0;
  if (sodium_base642bin(bin.data(), bin.size(), sealed.data(), sealed.size(), nullptr, &len, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      len < kNonce + crypto_aead_xchacha20poly1305_ietf_ABYTES) {
    return Error::Of(ErrorCode::kInternal, "sealed personal data is malformed");
  }
  std::string plain(len - kNonce - crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  unsigned long long plen = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(plain.data()), &plen, nullptr,
                                                 bin.data() + kNonce, len - kNonce, nullptr, 0, bin.data(),
                                                 seal_key_.data()) != 0) {
    return Error::Of(ErrorCode::kInternal, "sealed personal data does not open with this key");
  }
  plain.resize(plen);
  return plain;
}

std::string PiiVault::Index(std::string_view plaintext) const {
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                     index_key_.data(), index_key_.size());
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

}  // namespace spbe

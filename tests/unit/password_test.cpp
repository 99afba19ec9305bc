#include "platform/password.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "platform/crypto.hpp"
#include "platform/pii.hpp"
#include "testing/test_env.hpp"

namespace spbe {
namespace {

TEST(Password, HashIsArgon2idAndVerifies) {
  crypto::InitCrypto();
  auto h = password::Hash("kuda-lumping-2026", {1, 8u << 20});  // cheap parameters keep the test fast
  EXPECT_EQ(h.rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(password::Verify(h, "kuda-lumping-2026"));
  EXPECT_FALSE(password::Verify(h, "kuda-lumping-2027"));
  EXPECT_TRUE(password::NeedsRehash(h));
  EXPECT_NE(password::Hash("kuda-lumping-2026", {1, 8u << 20}), h) << "each hash has its own salt";
}

TEST(Password, WeakPasswordsAreRefusedWithAReason) {
  EXPECT_TRUE(password::Weakness("pendek", "id"));
  EXPECT_TRUE(password::Weakness("indonesia123", "en"));
  EXPECT_TRUE(password::Weakness("Password2024!", "en"));
  EXPECT_TRUE(password::Weakness("demo-spbe-2026", "en"));
  EXPECT_TRUE(password::Weakness(std::string(129, 'x'), "en"));
  EXPECT_TRUE(password::Weakness("budi.santoso-1990", "en", {"budi.santoso@mail.example"}));
  EXPECT_FALSE(password::Weakness("kuda-lumping-di-sawah", "en", {"budi@mail.example"}));
  EXPECT_NE(*password::Weakness("abc", "en"), *password::Weakness("abc", "id"));
}

TEST(PiiVault, SealsOpensAndIndexesWithAKeyFileOnlyItsOwnerReads) {
  crypto::InitCrypto();
  testing::TempDir dir;
  std::string key = dir.path() + "/keys/pii.key";
  auto vault = PiiVault::OpenOrCreate(key);
  ASSERT_TRUE(vault.ok()) << vault.error().detail;
  struct stat st {};
  ASSERT_EQ(::stat(key.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);

  auto sealed = vault->Seal("1210011505900003");
  EXPECT_EQ(sealed.find("1210011505900003"), std::string::npos);
  EXPECT_NE(vault->Seal("1210011505900003"), sealed) << "a fresh nonce each time";
  EXPECT_EQ(*vault->Open(sealed), "1210011505900003");
  EXPECT_EQ(vault->Index("1210011505900003"), vault->Index("1210011505900003"));
  EXPECT_NE(vault->Index("1210011505900003"), vault->Index("1210011505900004"));

  std::string tampered = sealed;
  tampered[tampered.size() / 2] = tampered[tampered.size() / 2] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(vault->Open(tampered).ok());

  auto again = PiiVault::OpenOrCreate(key);  // the same key on the next start
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again->Open(sealed), "1210011505900003");

  ::chmod(key.c_str(), 0644);
  EXPECT_FALSE(PiiVault::OpenOrCreate(key).ok()) << "a key others can read is refused";
}

}  // namespace
}  // namespace spbe

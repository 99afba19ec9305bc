#include <gtest/gtest.h>

#include "mailsink/smtp_sink.hpp"
#include "platform/mail.hpp"

namespace spbe {
namespace {

TEST(MailFormat, Utf8SubjectAndBodySurviveTheTripThroughMime) {
  Mail mail{"siti@mail.example", "Kode verifikasi — SPBE Terpadu",
            std::string(200, 'x') + "\nTerima kasih, Bapak/Ibu."};
  std::string raw = FormatMessage(mail, "noreply@portal.example", "abc@spbe");
  EXPECT_NE(raw.find("From: noreply@portal.example\r\n"), std::string::npos);
  EXPECT_NE(raw.find("To: siti@mail.example\r\n"), std::string::npos);
  EXPECT_NE(raw.find("Message-ID: <abc@spbe>\r\n"), std::string::npos);
  EXPECT_EQ(raw.find("—"), std::string::npos) << "non-ASCII must be encoded";
  std::size_t body = raw.find("\r\n\r\n");
  for (std::size_t pos = body + 4, eol; (eol = raw.find("\r\n", pos)) != std::string::npos; pos = eol + 2) {
    EXPECT_LE(eol - pos, 76u) << "base64 lines are at most 76 characters";
  }
  mailsink::ReceivedMail received;
  received.raw = raw;
  mailsink::DecodeMessage(received);
  EXPECT_EQ(received.subject, mail.subject);
  EXPECT_EQ(received.body, mail.body);
}

}  // namespace
}  // namespace spbe

// Location metadata leaves a reporter's photo before it is stored; the picture's own bytes stay as they were.
#include "platform/photo.hpp"

#include <gtest/gtest.h>

#include <string>

namespace spbe {
namespace {

std::string Segment(unsigned char marker, const std::string& payload) {
  std::size_t n = payload.size() + 2;
  return std::string{'\xFF', static_cast<char>(marker), static_cast<char>(n >> 8), static_cast<char>(n & 0xFF)} +
         payload;
}

std::string Chunk(const std::string& type, const std::string& data) {
  std::size_t n = data.size();
  std::string out{static_cast<char>(n >> 24), static_cast<char>(n >> 16), static_cast<char>(n >> 8),
                  static_cast<char>(n)};
  return out + type + data + std::string("\x12\x34\x56\x78", 4);  // the CRC is carried, not checked
}

TEST(Photo, JpegLosesExifXmpAndIptcButKeepsThePicture) {
  std::string exif = Segment(0xE1, std::string("Exif\0\0MM\0*GPSLatitude 2.10N", 28));
  std::string xmp = Segment(0xE1, "http://ns.adobe.com/xap/1.0/ <exif:GPSLongitude>99.8</exif:GPSLongitude>");
  std::string iptc = Segment(0xED, "Photoshop 3.0 8BIM location");
  std::string jfif = Segment(0xE0, std::string("JFIF\0\1\1", 7));
  std::string quant = Segment(0xDB, std::string(65, '\x01'));
  std::string scan = std::string("\xFF\xDA\x00\x08\x01\x01\x00\x00\x3F\x00", 10) + "pixels\xFF\x00more" + "\xFF\xD9";
  std::string photo = "\xFF\xD8" + jfif + exif + quant + xmp + iptc + scan;
  ASSERT_TRUE(HasPhotoMetadata(photo));
  std::string clean = StripPhotoMetadata(photo).value();
  EXPECT_EQ(clean, "\xFF\xD8" + jfif + quant + scan);
  EXPECT_EQ(clean.find("GPS"), std::string::npos);
  EXPECT_FALSE(HasPhotoMetadata(clean));
  EXPECT_EQ(StripPhotoMetadata(clean).value(), clean) << "nothing more to take";
}

TEST(Photo, PngLosesExifAndTextChunks) {
  std::string sig("\x89PNG\r\n\x1a\n", 8);
  std::string ihdr = Chunk("IHDR", std::string(13, '\0'));
  std::string idat = Chunk("IDAT", "compressed pixels");
  std::string iend = Chunk("IEND", "");
  std::string photo = sig + ihdr + Chunk("eXIf", "MM GPS 2.1 99.8") + Chunk("iTXt", "XML:com.adobe.xmp GPS") + idat +
                      Chunk("tEXt", "Location Rantauprapat") + iend;
  ASSERT_TRUE(HasPhotoMetadata(photo));
  EXPECT_EQ(StripPhotoMetadata(photo).value(), sig + ihdr + idat + iend);
}

TEST(Photo, OtherFilesStayAndBrokenPhotosAreRefused) {
  std::string pdf = "%PDF-1.4\n%%EOF\n";
  EXPECT_EQ(StripPhotoMetadata(pdf), pdf);
  std::string truncated = std::string("\xFF\xD8\xFF\xE1\x10\x00", 6) + "Exif GPS";
  EXPECT_EQ(StripPhotoMetadata(truncated), std::nullopt) << "a length past the end is not guessed at";
  std::string png_cut = std::string("\x89PNG\r\n\x1a\n\0\0\0\x0D", 12) + "IHDR";
  EXPECT_EQ(StripPhotoMetadata(png_cut), std::nullopt);
  EXPECT_FALSE(HasPhotoMetadata(pdf));
}

}  // namespace
}  // namespace spbe
